/**
 * A run whose job used up its retries (the worker kept dying or the database kept failing) is
 * failed for good, so that it does not stay "running" forever: its unfinished stage is marked
 * failed too, and subscribers hear that it finished.
 */
import { ErrorCode } from '@edgepress/errors';
import { publishRunEvent, type Database, type RunJob } from '@edgepress/db';
import type { Logger } from 'pino';

export async function failDeadLetteredRun(db: Database, job: RunJob, logger: Logger): Promise<void> {
  const failure = { code: ErrorCode.UNAVAILABLE, message: 'The run was given up after its job failed on every delivery (workers stopped or the database failed); see the worker logs, then re-run it' };
  const stage = await db.stages.nextToRun(job.teamId, job.runId).catch(() => null);
  if (stage?.state === 'running') await db.stages.fail(job.teamId, job.runId, stage.index, failure);
  const { changed, run } = await db.runs.fail(job.teamId, job.runId, failure);
  if (changed) await publishRunEvent(db.pool, { teamId: job.teamId, runId: job.runId, kind: 'run-finished', state: run.state, message: failure.message });
  logger.error({ runId: job.runId, teamId: job.teamId, changed, state: run.state }, 'dead-lettered run failed');
}
