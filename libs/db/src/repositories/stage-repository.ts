import { EdgepressError, ErrorCode, isErrorCode } from '@edgepress/errors';
import { JSON_LIMITS, LOG_EXCERPT_CHARS } from '../sql/limits';
import { queryOne, queryRows, type Queryable } from '../sql/query';
import { notFound, requireId, requireInteger, requireJsonObject, requireSha256, requireText, tailText } from '../sql/validate';

/*
 * Threat model (trust boundary 5, jobs): a stage may run twice when its job is delivered again
 * (worker killed after the stage finished but before the run moved on), and two workers may even
 * complete it at the same moment. complete() is one conditional UPDATE (state <> 'succeeded')
 * plus an INSERT ... ON CONFLICT DO NOTHING for the artifact row, in one statement: PostgreSQL
 * row locking lets exactly one caller win, and the loser gets the winner's result back.
 * Tests: stage-repository.test.ts (concurrent completion on two connections, resume point).
 */

export const STAGE_STATES = ['pending', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type StageState = (typeof STAGE_STATES)[number];

export interface Stage {
  id: string;
  teamId: string;
  runId: string;
  index: number;
  pluginName: string;
  pluginVersion: string;
  params: Record<string, unknown>;
  state: StageState;
  /** How many times a worker started this stage. */
  attempt: number;
  metrics: Record<string, unknown> | null;
  artifactSha256: string | null;
  logExcerpt: string;
  error: { code: string; message: string } | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface StageResult {
  metrics: Record<string, unknown>;
  /** The stage's output model, already stored in the blob store. */
  artifact?: { sha256: string; sizeBytes: number } | null;
  log?: string;
}

interface StageRow {
  id: string;
  team_id: string;
  run_id: string;
  index: number;
  plugin_name: string;
  plugin_version: string;
  params: Record<string, unknown>;
  state: StageState;
  attempt: number;
  metrics: Record<string, unknown> | null;
  artifact_sha256: string | null;
  log_excerpt: string;
  error_code: string | null;
  error_message: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

function toStage(row: StageRow): Stage {
  return {
    id: row.id,
    teamId: row.team_id,
    runId: row.run_id,
    index: row.index,
    pluginName: row.plugin_name,
    pluginVersion: row.plugin_version,
    params: row.params,
    state: row.state,
    attempt: row.attempt,
    metrics: row.metrics,
    artifactSha256: row.artifact_sha256,
    logExcerpt: row.log_excerpt,
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' },
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class StageRepository {
  constructor(private readonly db: Queryable) {}

  /** A run's stages in order. */
  async list(teamId: string, runId: string): Promise<Stage[]> {
    const rows = await queryRows<StageRow>(this.db, 'SELECT * FROM stages WHERE team_id = $1 AND run_id = $2 ORDER BY index', [
      requireId(teamId, 'team'),
      requireId(runId, 'run'),
    ]);
    // Every run has at least one stage, so no rows means no such run in this team.
    if (rows.length === 0) throw notFound('run');
    return rows.map(toStage);
  }

  /**
   * The stages of several runs in one query (the gateway lists 20 runs with their stages per
   * request). Runs of other teams, or unknown ids, are simply absent from the map.
   */
  async listForRuns(teamId: string, runIds: readonly string[]): Promise<Map<string, Stage[]>> {
    const team = requireId(teamId, 'team');
    const ids = [...new Set(runIds.map((id) => requireId(id, 'run')))];
    const byRun = new Map<string, Stage[]>();
    if (ids.length === 0) return byRun;
    const rows = await queryRows<StageRow>(this.db, 'SELECT * FROM stages WHERE team_id = $1 AND run_id = ANY($2::uuid[]) ORDER BY run_id, index', [
      team,
      ids,
    ]);
    for (const stage of rows.map(toStage)) {
      const list = byRun.get(stage.runId) ?? [];
      list.push(stage);
      byRun.set(stage.runId, list);
    }
    return byRun;
  }

  async get(teamId: string, runId: string, index: number): Promise<Stage> {
    const row = await queryOne<StageRow>(this.db, 'SELECT * FROM stages WHERE team_id = $1 AND run_id = $2 AND index = $3', [
      requireId(teamId, 'team'),
      requireId(runId, 'run'),
      requireInteger(index, 'index', 0, 10_000),
    ]);
    if (!row) throw notFound('stage');
    return toStage(row);
  }

  /**
   * Where a (re-)delivered job resumes: the first stage, by index, that has not succeeded; null
   * when every stage succeeded.
   */
  async nextToRun(teamId: string, runId: string): Promise<Stage | null> {
    const team = requireId(teamId, 'team');
    const run = requireId(runId, 'run');
    const row = await queryOne<StageRow>(
      this.db,
      "SELECT * FROM stages WHERE team_id = $1 AND run_id = $2 AND state <> 'succeeded' ORDER BY index LIMIT 1",
      [team, run],
    );
    if (row) return toStage(row);
    const exists = await queryOne(this.db, 'SELECT 1 FROM runs WHERE team_id = $1 AND id = $2', [team, run]);
    if (!exists) throw notFound('run');
    return null;
  }

  /** Marks a stage running (attempt + 1). changed is false for a stage that already succeeded. */
  async start(teamId: string, runId: string, index: number): Promise<{ changed: boolean; stage: Stage }> {
    const row = await queryOne<StageRow>(
      this.db,
      `UPDATE stages SET state = 'running', attempt = attempt + 1, started_at = now(), finished_at = NULL, error_code = NULL, error_message = NULL
       WHERE team_id = $1 AND run_id = $2 AND index = $3 AND state <> 'succeeded' RETURNING *`,
      [requireId(teamId, 'team'), requireId(runId, 'run'), requireInteger(index, 'index', 0, 10_000)],
    );
    return row ? { changed: true, stage: toStage(row) } : { changed: false, stage: await this.get(teamId, runId, index) };
  }

  /**
   * Records a stage's result, and its model artifact, once. A second completion (re-delivered job,
   * concurrent worker) changes nothing and returns the first result with changed = false.
   */
  async complete(teamId: string, runId: string, index: number, result: StageResult): Promise<{ changed: boolean; stage: Stage }> {
    const artifact = result.artifact ?? null;
    const row = await queryOne<StageRow>(
      this.db,
      `WITH done AS (
         UPDATE stages SET state = 'succeeded', metrics = $4, artifact_sha256 = $5, log_excerpt = $6, finished_at = now(),
                           error_code = NULL, error_message = NULL
         WHERE team_id = $1 AND run_id = $2 AND index = $3 AND state <> 'succeeded'
         RETURNING *
       ), artifact AS (
         INSERT INTO artifacts (team_id, run_id, stage_index, kind, blob_sha256, size_bytes)
         SELECT team_id, run_id, index, 'model', $5, $7 FROM done WHERE $5::text IS NOT NULL
         ON CONFLICT (run_id, stage_index, kind) DO NOTHING
       )
       SELECT * FROM done`,
      [
        requireId(teamId, 'team'),
        requireId(runId, 'run'),
        requireInteger(index, 'index', 0, 10_000),
        requireJsonObject(result.metrics, 'metrics', JSON_LIMITS.stageMetrics),
        artifact ? requireSha256(artifact.sha256, 'artifact.sha256') : null,
        tailText(result.log ?? '', LOG_EXCERPT_CHARS),
        artifact ? requireInteger(artifact.sizeBytes, 'artifact.sizeBytes', 0) : null,
      ],
    );
    return row ? { changed: true, stage: toStage(row) } : { changed: false, stage: await this.get(teamId, runId, index) };
  }

  /** Records a stage failure; a stage that already succeeded keeps its result (changed = false). */
  async fail(teamId: string, runId: string, index: number, failure: { code: string; message: string; log?: string }): Promise<{ changed: boolean; stage: Stage }> {
    if (!isErrorCode(failure?.code)) {
      throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected a public error code for code', { details: { field: 'code' } });
    }
    const row = await queryOne<StageRow>(
      this.db,
      `UPDATE stages SET state = 'failed', error_code = $4, error_message = $5, log_excerpt = $6, finished_at = now()
       WHERE team_id = $1 AND run_id = $2 AND index = $3 AND state <> 'succeeded' RETURNING *`,
      [
        requireId(teamId, 'team'),
        requireId(runId, 'run'),
        requireInteger(index, 'index', 0, 10_000),
        failure.code,
        requireText(failure.message, 'message', 0, 10000),
        tailText(failure.log ?? '', LOG_EXCERPT_CHARS),
      ],
    );
    return row ? { changed: true, stage: toStage(row) } : { changed: false, stage: await this.get(teamId, runId, index) };
  }
}
