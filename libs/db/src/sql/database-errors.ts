import { EdgepressError, ErrorCode } from '@edgepress/errors';

/**
 * PostgreSQL errors become EdgepressErrors here, in one place. Constraint names are ours (see the
 * migrations), so a unique violation can name the field that clashed without echoing the
 * server's detail text (which quotes values and would leak SQL to clients).
 */
const UNIQUE_FIELDS: Readonly<Record<string, { entity: string; field: string }>> = {
  teams_slug_key: { entity: 'team', field: 'slug' },
  accounts_email_key: { entity: 'account', field: 'email' },
  members_pkey: { entity: 'member', field: 'accountId' },
  api_tokens_prefix_key: { entity: 'API token', field: 'prefix' },
  targets_team_slug_key: { entity: 'target', field: 'id' },
  models_team_name_key: { entity: 'model', field: 'name' },
  datasets_team_name_key: { entity: 'dataset', field: 'name' },
  plugins_owner_name_key: { entity: 'plugin', field: 'name' },
  plugin_versions_plugin_version_key: { entity: 'plugin version', field: 'version' },
  pipelines_team_name_key: { entity: 'pipeline', field: 'name' },
  stages_run_index_key: { entity: 'stage', field: 'index' },
};

const FOREIGN_ENTITIES: Readonly<Record<string, string>> = {
  members_team_id_fkey: 'team',
  members_account_id_fkey: 'account',
  runs_model_fkey: 'model',
  runs_pipeline_fkey: 'pipeline',
  runs_rerun_of_fkey: 'run',
  stages_run_fkey: 'run',
  artifacts_run_fkey: 'run',
  artifacts_stage_fkey: 'stage',
  plugin_versions_plugin_id_fkey: 'plugin',
};

interface PgErrorShape {
  code?: unknown;
  constraint?: unknown;
}

function pgCode(error: unknown): string | undefined {
  const code = (error as PgErrorShape | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function constraintOf(error: unknown): string {
  const constraint = (error as PgErrorShape | null)?.constraint;
  return typeof constraint === 'string' ? constraint : '';
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return pgCode(error) === '23505' && (constraint === undefined || constraintOf(error) === constraint);
}

export function isForeignKeyViolation(error: unknown): boolean {
  return pgCode(error) === '23503';
}

const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

export function toDatabaseError(error: unknown): EdgepressError {
  if (error instanceof EdgepressError) return error;
  const code = pgCode(error);
  const constraint = constraintOf(error);
  if (code === '23505') {
    const known = UNIQUE_FIELDS[constraint];
    const message = known
      ? `A ${known.entity} with this ${known.field} already exists`
      : 'A row with the same unique key already exists';
    return new EdgepressError(ErrorCode.CONFLICT, message, { cause: error, details: known ? { field: known.field } : undefined });
  }
  if (code === '23503') {
    const entity = FOREIGN_ENTITIES[constraint] ?? 'referenced row';
    return new EdgepressError(ErrorCode.NOT_FOUND, `The ${entity} referenced here does not exist`, { cause: error, details: { entity } });
  }
  if (code === '23514' || code === '23502') {
    return new EdgepressError(ErrorCode.BAD_USER_INPUT, `A value was rejected by the database rule ${constraint || 'NOT NULL'}`, {
      cause: error,
      details: constraint ? { constraint } : undefined,
    });
  }
  if (code === '22P02' || code === '22001' || code === '22003' || code === '22023' || code === '22007' || code === '22008') {
    return new EdgepressError(ErrorCode.BAD_USER_INPUT, 'A value has the wrong format or is out of range', { cause: error });
  }
  if (code === '57014') {
    return new EdgepressError(ErrorCode.DEADLINE_EXCEEDED, 'The database query took too long', { cause: error });
  }
  if ((code !== undefined && (code.startsWith('08') || code.startsWith('57P') || code === '53300')) || CONNECTION_ERRNOS.has(code ?? '')) {
    return new EdgepressError(ErrorCode.UNAVAILABLE, 'The database is unavailable', { cause: error });
  }
  return new EdgepressError(ErrorCode.INTERNAL, 'Internal error', { cause: error });
}
