import { EdgepressError, ErrorCode, isErrorCode } from '@edgepress/errors';
import { containsPattern } from '../sql/filters';
import { JSON_LIMITS } from '../sql/limits';
import { cursorColumn, pageQuery, toConnection, type Connection, type CursorRow, type PageArgs } from '../sql/pagination';
import { queryOne, queryRow, queryRows, type Queryable } from '../sql/query';
import { isUuid, notFound, requireFraction, requireId, requireJsonObject, requireOneOf, requireSlug, requireText } from '../sql/validate';

/*
 * Threat model (trust boundary 5, jobs): a run's job is delivered at least once, so every worker
 * call may arrive twice, late, or after a cancel. Each transition is one conditional UPDATE whose
 * WHERE clause names the states it may leave, so repeated or racing calls cannot move a run
 * backwards (a succeeded run never becomes failed; a cancelled run is never started again).
 * Tests: run-repository.test.ts.
 */

export const RUN_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'cancelling'] as const;
export type RunState = (typeof RUN_STATES)[number];
export const FINISHED_RUN_STATES: readonly RunState[] = ['succeeded', 'failed', 'cancelled'];

export interface RunError {
  code: string;
  message: string;
}

export interface Run {
  id: string;
  teamId: string;
  modelId: string;
  /** Catalog target id or team target slug. */
  targetId: string;
  /** The resolved target as it was when the run was created. */
  target: Record<string, unknown>;
  pipelineId: string | null;
  /** Snapshot of the pipeline spec the run executes. */
  spec: Record<string, unknown>;
  state: RunState;
  progress: number;
  message: string;
  error: RunError | null;
  /** How many times a worker has started this run (1 on the first delivery). */
  attempt: number;
  createdBy: string | null;
  rerunOf: string | null;
  startedAt: Date | null;
  cancelRequestedAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewStage {
  pluginName: string;
  /** Exact version, resolved from the pipeline's range before the run is created. */
  pluginVersion: string;
  params: Record<string, unknown>;
}

export interface NewRun {
  modelId: string;
  targetId: string;
  target: Record<string, unknown>;
  pipelineId?: string | null;
  spec: Record<string, unknown>;
  stages: NewStage[];
  createdBy?: string | null;
}

export interface RunFilter {
  states?: RunState[];
  modelId?: string;
  targetId?: string;
  /** Matches the model's name. */
  search?: string;
}

interface RunRow {
  id: string;
  team_id: string;
  model_id: string;
  target_id: string;
  target: Record<string, unknown>;
  pipeline_id: string | null;
  spec: Record<string, unknown>;
  state: RunState;
  progress: number;
  message: string;
  error_code: string | null;
  error_message: string | null;
  attempt: number;
  created_by: string | null;
  rerun_of: string | null;
  started_at: Date | null;
  cancel_requested_at: Date | null;
  finished_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

function toRun(row: RunRow): Run {
  return {
    id: row.id,
    teamId: row.team_id,
    modelId: row.model_id,
    targetId: row.target_id,
    target: row.target,
    pipelineId: row.pipeline_id,
    spec: row.spec,
    state: row.state,
    progress: row.progress,
    message: row.message,
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' },
    attempt: row.attempt,
    createdBy: row.created_by,
    rerunOf: row.rerun_of,
    startedAt: row.started_at,
    cancelRequestedAt: row.cancel_requested_at,
    finishedAt: row.finished_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Result of a transition: `changed` is false when the call was a repeat or came too late. */
export interface RunTransition {
  changed: boolean;
  run: Run;
}

const MAX_STAGES = 64;

function requireStages(stages: unknown): NewStage[] {
  if (!Array.isArray(stages) || stages.length < 1 || stages.length > MAX_STAGES) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected 1 to ${MAX_STAGES} stages for stages`, { details: { field: 'stages' } });
  }
  return stages as NewStage[];
}

export class RunRepository {
  constructor(private readonly db: Queryable) {}

  /** Creates a queued run and its pending stages in one statement. Enqueue it with RunQueue. */
  async create(teamId: string, input: NewRun): Promise<Run> {
    const stages = requireStages(input.stages);
    const row = await queryRow<RunRow>(
      this.db,
      `WITH run AS (
         INSERT INTO runs (team_id, model_id, target_id, target, pipeline_id, spec, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *
       ), staged AS (
         INSERT INTO stages (team_id, run_id, index, plugin_name, plugin_version, params)
         SELECT run.team_id, run.id, s.ord - 1, s.plugin_name, s.plugin_version, s.params
         FROM run, unnest($8::text[], $9::text[], $10::jsonb[]) WITH ORDINALITY AS s (plugin_name, plugin_version, params, ord)
       )
       SELECT * FROM run`,
      [
        requireId(teamId, 'team'),
        requireId(input.modelId, 'model'),
        requireSlug(input.targetId, 'targetId'),
        requireJsonObject(input.target, 'target', JSON_LIMITS.targetSpec),
        input.pipelineId ? requireId(input.pipelineId, 'pipeline') : null,
        requireJsonObject(input.spec, 'spec', JSON_LIMITS.pipelineSpec),
        input.createdBy ? requireId(input.createdBy, 'account') : null,
        stages.map((stage, index) => requireText(stage?.pluginName, `stages[${index}].pluginName`, 1, 64)),
        stages.map((stage, index) => requireText(stage?.pluginVersion, `stages[${index}].pluginVersion`, 1, 100)),
        stages.map((stage, index) => requireJsonObject(stage?.params, `stages[${index}].params`, JSON_LIMITS.stageParams)),
      ],
    );
    return toRun(row);
  }

  /** A new queued run with the same model, target, spec and stages as an earlier one. */
  async rerun(teamId: string, runId: string, createdBy?: string | null): Promise<Run> {
    const row = await queryOne<RunRow>(
      this.db,
      `WITH old AS (
         SELECT * FROM runs WHERE team_id = $1 AND id = $2
       ), run AS (
         INSERT INTO runs (team_id, model_id, target_id, target, pipeline_id, spec, created_by, rerun_of)
         SELECT team_id, model_id, target_id, target, pipeline_id, spec, $3, id FROM old RETURNING *
       ), staged AS (
         INSERT INTO stages (team_id, run_id, index, plugin_name, plugin_version, params)
         SELECT run.team_id, run.id, s.index, s.plugin_name, s.plugin_version, s.params
         FROM run JOIN stages s ON s.team_id = $1 AND s.run_id = $2
       )
       SELECT * FROM run`,
      [requireId(teamId, 'team'), requireId(runId, 'run'), createdBy ? requireId(createdBy, 'account') : null],
    );
    if (!row) throw notFound('run');
    return toRun(row);
  }

  async get(teamId: string, runId: string): Promise<Run> {
    const row = await queryOne<RunRow>(this.db, 'SELECT * FROM runs WHERE team_id = $1 AND id = $2', [requireId(teamId, 'team'), requireId(runId, 'run')]);
    if (!row) throw notFound('run');
    return toRun(row);
  }

  async list(teamId: string, filter: RunFilter = {}, page?: PageArgs): Promise<Connection<Run>> {
    const values: unknown[] = [requireId(teamId, 'team')];
    const conditions = ['r.team_id = $1'];
    if (filter.states !== undefined) {
      values.push(filter.states.map((state) => requireOneOf(state, 'states', RUN_STATES)));
      conditions.push(`r.state = ANY($${values.length}::text[])`);
    }
    if (filter.modelId !== undefined) {
      // An id that is no UUID matches no run; in a filter that is an empty page, not an error.
      if (!isUuid(filter.modelId)) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
      values.push(filter.modelId);
      conditions.push(`r.model_id = $${values.length}::uuid`);
    }
    if (filter.targetId !== undefined) {
      values.push(requireText(filter.targetId, 'targetId', 1, 63));
      conditions.push(`r.target_id = $${values.length}`);
    }
    if (filter.search !== undefined) {
      values.push(containsPattern(filter.search));
      conditions.push(`EXISTS (SELECT 1 FROM models m WHERE m.team_id = r.team_id AND m.id = r.model_id AND m.name ILIKE $${values.length})`);
    }
    const window = pageQuery(page, 'r', values);
    const rows = await queryRows<RunRow & CursorRow>(
      this.db,
      `SELECT r.*, ${cursorColumn('r')} FROM runs r WHERE ${conditions.join(' AND ')} AND ${window.condition} ${window.orderAndLimit}`,
      values,
    );
    return toConnection(rows, window.limit, (row) => row.id, toRun);
  }

  /**
   * A worker takes the run: queued or running (a job delivered again) -> running, attempt + 1.
   * changed is false when the run was cancelled, is being cancelled, or has finished.
   */
  async start(teamId: string, runId: string): Promise<RunTransition> {
    return this.transition(teamId, runId, ['queued', 'running'], "state = 'running', attempt = attempt + 1, started_at = coalesce(started_at, now())");
  }

  /** Progress while running; a late report after the run finished changes nothing. */
  async setProgress(teamId: string, runId: string, progress: { fraction: number; message?: string }): Promise<RunTransition> {
    return this.transition(teamId, runId, ['running', 'cancelling'], 'progress = $3, message = $4', [
      requireFraction(progress.fraction, 'fraction'),
      requireText(progress.message ?? '', 'message', 0, 2000),
    ]);
  }

  /** Finishes the run. Every stage must have succeeded (CONFLICT otherwise); repeating is a no-op. */
  async succeed(teamId: string, runId: string, message = ''): Promise<RunTransition> {
    const result = await this.transition(
      teamId,
      runId,
      ['running', 'cancelling'],
      "state = 'succeeded', progress = 1, message = $3, finished_at = now()",
      [requireText(message, 'message', 0, 2000)],
      "AND NOT EXISTS (SELECT 1 FROM stages s WHERE s.run_id = runs.id AND s.state <> 'succeeded')",
    );
    if (!result.changed && result.run.state !== 'succeeded') {
      throw new EdgepressError(ErrorCode.CONFLICT, `The run cannot succeed: it is ${result.run.state} or has stages that did not succeed`);
    }
    return result;
  }

  /** Fails the run with a public error code; a run that already finished is left as it is. */
  async fail(teamId: string, runId: string, error: RunError): Promise<RunTransition> {
    if (!isErrorCode(error?.code)) {
      throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected a public error code for error.code', { details: { field: 'error.code' } });
    }
    return this.transition(teamId, runId, ['queued', 'running', 'cancelling'], "state = 'failed', error_code = $3, error_message = $4, finished_at = now()", [
      error.code,
      requireText(error.message, 'error.message', 0, 10000),
    ]);
  }

  /**
   * Asks for a run to stop. A queued run is cancelled at once (no worker holds it); a running run
   * becomes cancelling and its worker finishes the cancellation (markCancelled).
   */
  async requestCancel(teamId: string, runId: string): Promise<RunTransition> {
    return this.transition(
      teamId,
      runId,
      ['queued', 'running'],
      `state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE 'cancelling' END,
       finished_at = CASE WHEN state = 'queued' THEN now() ELSE finished_at END,
       cancel_requested_at = now()`,
    );
  }

  /** The worker stopped: the run and its running stage become cancelled (one statement). */
  async markCancelled(teamId: string, runId: string): Promise<RunTransition> {
    return this.transition(teamId, runId, ['queued', 'running', 'cancelling'], "state = 'cancelled', finished_at = now()", [], '', {
      sideEffect: "UPDATE stages SET state = 'cancelled', finished_at = now() WHERE run_id IN (SELECT id FROM changed) AND state = 'running'",
    });
  }

  /** Operator metrics across all teams (runs by state); never shown to a team. */
  async countAllByState(): Promise<Record<RunState, number>> {
    const rows = await queryRows<{ state: RunState; count: number }>(this.db, 'SELECT state, count(*) AS count FROM runs GROUP BY state');
    const counts = Object.fromEntries(RUN_STATES.map((state) => [state, 0])) as Record<RunState, number>;
    for (const row of rows) counts[row.state] = row.count;
    return counts;
  }

  private async transition(
    teamId: string,
    runId: string,
    from: readonly RunState[],
    set: string,
    extraValues: unknown[] = [],
    extraCondition = '',
    options: { sideEffect?: string } = {},
  ): Promise<RunTransition> {
    const team = requireId(teamId, 'team');
    const id = requireId(runId, 'run');
    const sideEffect = options.sideEffect ? `, side_effect AS (${options.sideEffect})` : '';
    const row = await queryOne<RunRow>(
      this.db,
      `WITH changed AS (
         UPDATE runs SET ${set}
         WHERE team_id = $1 AND id = $2 AND state = ANY($${extraValues.length + 3}::text[]) ${extraCondition}
         RETURNING *
       )${sideEffect}
       SELECT * FROM changed`,
      [team, id, ...extraValues, from],
    );
    if (row) return { changed: true, run: toRun(row) };
    return { changed: false, run: await this.get(team, id) };
  }
}
