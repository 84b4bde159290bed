/**
 * Executes one delivery of a run's job. Threat model (trust boundary 5, jobs): a job is delivered
 * at least once and may arrive again after a worker died at any point, late, or after a cancel.
 * So every delivery starts from the database: the run moves queued|running -> running (a finished
 * or cancelled run is left alone), the finished stages are read back and runPipeline resumes after
 * the last one with its stored model and metrics, and every write is idempotent (stages.complete
 * records a stage once, artifacts are recorded once per run, stage and kind, run transitions never
 * go backwards). Blobs are content-addressed, so a stage that ran twice stores the same address
 * or a second blob nobody references; its row keeps the first result.
 * Tests: test/worker-run.test.ts (resume, cancel, kernel failover), test/platform-*.test.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { publishRunEvent, type BlobStore, type Database, type Run, type RunJobContext, type Stage } from '@edgepress/db';
import { buildReport, renderReportHtml, runPipeline, serializeReport, type PipelineResume, type Report, type RunPipelineOptions, type StageMetrics, type StageRecord } from '@edgepress/pipeline';
import type { Logger } from 'pino';
import { readBlobBytes, storeBytes } from './blob-bytes';
import { datasetResolver } from './dataset-resolver';
import { reachableServers, type ConnectKernels } from './kernel-servers';
import { watchKernelFailures } from './kernel-watch';
import { baselineOf, stageRecordOf } from './metrics-document';
import { databaseRegistry, type BundleCache } from './plugin-registry';
import { ProgressPublisher } from './progress-publisher';
import { classifyFailure } from './run-failure';
import { pipelineSpecOf } from './run-spec';
import { StageRecorder } from './stage-recorder';

export type KernelService = RunPipelineOptions['kernels'];

export interface ExecutorOptions {
  db: Database;
  blobs: BlobStore;
  /** The kernel servers (host:port); each attempt uses those that answer (kernel-servers.ts). */
  kernelAddresses: readonly string[];
  /** Opens a balanced kernel connection to some of them (libs/pipeline's connectKernels). */
  connectKernels: ConnectKernels;
  bundles: BundleCache;
  logger: Logger;
  /** Attempts of a stage during which no kernel server answered (default 3). */
  stageAttempts?: number;
  stageRetryDelayMs?: number;
  /** Random calibration samples for runs without a calibration dataset (default 16). */
  randomCalibrationSamples?: number;
  /** Largest input model read (default 1 GiB). */
  maxModelBytes?: number;
  /** Passed to runPipeline (latency measurement, sandbox limits, ...). */
  pipeline?: Pick<RunPipelineOptions, 'latency' | 'sandboxLimits' | 'hostLimits' | 'session' | 'kernelThreads'>;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

type StoredStage = Stage & { artifactSha256: string };

/** The leading stages that succeeded with their model stored, in order: what a new delivery does not run again. */
function finishedPrefix(stages: readonly Stage[]): StoredStage[] {
  const prefix: StoredStage[] = [];
  for (const stage of stages) {
    if (stage.state !== 'succeeded' || stage.artifactSha256 === null) break;
    prefix.push(stage as StoredStage);
  }
  return prefix;
}

/** What earlier deliveries stored: the records, the last model's address and the baseline. */
function storedProgress(finished: readonly StoredStage[]): { baseline: StageMetrics; records: StageRecord[]; lastModel: string } | null {
  const [first] = finished;
  if (first === undefined) return null;
  const baseline = baselineOf(first);
  if (baseline === null) throw new EdgepressError(ErrorCode.INTERNAL, 'The first stage was recorded without the baseline measurements: the run cannot resume');
  return { baseline, records: finished.map(stageRecordOf), lastModel: finished[finished.length - 1].artifactSha256 };
}

export class RunExecutor {
  constructor(private readonly options: ExecutorOptions) {}

  /** The queue handler: resolves when the run is finished (or not this worker's to run); throws to give the job back. */
  readonly execute = async (job: RunJobContext): Promise<void> => {
    const { db } = this.options;
    const { teamId, runId, signal } = job;
    const log = this.options.logger.child({ runId, teamId, jobId: job.jobId, delivery: job.delivery });
    const { changed, run } = await db.runs.start(teamId, runId);
    if (!changed) {
      if (run.state === 'cancelling') await this.finishCancelled(run, log);
      log.info({ state: run.state }, 'run not started: it is no longer waiting');
      return;
    }
    log.info({ attempt: run.attempt, stages: run.spec.stages }, 'run started');
    const progress = new ProgressPublisher(db, { teamId, runId }, log);
    const scratch = await mkdtemp(path.join(tmpdir(), 'edgepress-run-'));
    const attempts = this.options.stageAttempts ?? 3;
    try {
      for (let attempt = 1; ; attempt++) {
        const servers = await reachableServers(this.options.kernelAddresses);
        if (servers.length < this.options.kernelAddresses.length) {
          log.warn({ using: servers, configured: this.options.kernelAddresses }, 'some kernel servers do not answer: using the others');
        }
        const connection = this.options.connectKernels(servers);
        const kernels = watchKernelFailures(connection.kernels);
        const current: { recorder?: StageRecorder } = {};
        try {
          await this.attempt(run, job, kernels.service, progress, scratch, log, current);
          return;
        } catch (error) {
          const recorder = current.recorder;
          const failure = classifyFailure(error, signal, kernels.take());
          if (failure.kind === 'cancelled') {
            await progress.close();
            await this.finishCancelled(run, log);
            return;
          }
          if (failure.kind === 'interrupted' || failure.kind === 'transient') {
            log.warn({ err: error, kind: failure.kind }, 'run interrupted: the job goes back to the queue');
            throw error;
          }
          if (failure.kind === 'kernels-unavailable') {
            if (attempt < attempts) {
              log.warn({ err: failure.error, attempt, stage: recorder?.currentStage }, 'no kernel server answered: retrying the stage');
              progress.report(0, `kernel servers unreachable; retrying (attempt ${attempt + 1} of ${attempts})`);
              await sleep(this.options.stageRetryDelayMs ?? 2000, signal);
              continue;
            }
            const error = new EdgepressError(
              ErrorCode.UNAVAILABLE,
              `No kernel server answered at ${this.options.kernelAddresses.join(', ')} (${attempts} attempts of the stage): ${failure.error.message}`,
            );
            await progress.close();
            await this.finishFailed(run, recorder, error, log);
            return;
          }
          if (failure.error.code === ErrorCode.INTERNAL) log.error({ err: error }, 'internal error');
          await progress.close();
          await this.finishFailed(run, recorder, failure.error, log);
          return;
        } finally {
          connection.close();
        }
      }
    } finally {
      await progress.close();
      await rm(scratch, { recursive: true, force: true });
    }
  };

  /** One pass from the stored state to the end; `current.recorder` lets a failure name the stage that ran. */
  private async attempt(
    run: Run,
    job: RunJobContext,
    kernels: KernelService,
    progress: ProgressPublisher,
    scratch: string,
    log: Logger,
    current: { recorder?: StageRecorder },
  ): Promise<void> {
    const { db, blobs } = this.options;
    const { teamId, runId, signal } = job;
    const stages = await db.stages.list(teamId, runId);
    const model = await db.models.get(teamId, run.modelId);
    const modelBytes = await readBlobBytes(blobs, model.blobSha256, this.options.maxModelBytes ?? 2 ** 30, `model ${model.name}`);
    const finished = finishedPrefix(stages);
    const stored = storedProgress(finished);
    const recorder = new StageRecorder(db, blobs, { teamId, runId }, stages.length, progress, log, stored?.baseline ?? null);
    current.recorder = recorder;

    let report: Report;
    let constraintsMet: boolean;
    if (stored !== null && finished.length === stages.length) {
      // Every stage is stored: an earlier delivery died before the report. Build it from the rows.
      report = buildReport({ modelName: model.name, baseline: stored.baseline, stages: stored.records, constraints: pipelineSpecOf(run, stages, 1).constraints });
      constraintsMet = report.constraintsMet;
    } else {
      const resumeFrom: PipelineResume | undefined =
        stored === null
          ? undefined
          : {
              completed: stored.records,
              model: await readBlobBytes(blobs, stored.lastModel, this.options.maxModelBytes ?? 2 ** 30, `model of stage ${finished.length}`),
              baseline: stored.baseline,
            };
      if (resumeFrom) log.info({ resumeAfter: finished.length }, 'resuming after the stored stages');
      const result = await runPipeline(pipelineSpecOf(run, stages, this.options.randomCalibrationSamples ?? 16), {
        model: modelBytes,
        modelName: model.name,
        registry: databaseRegistry(db, this.options.bundles, teamId),
        // The target as it was when the run was created (a catalog target or the team's own), checked by libs/pipeline.
        target: run.target as RunPipelineOptions['target'],
        kernels,
        signal,
        resumeFrom,
        baseDir: scratch,
        resolver: datasetResolver(db, blobs, teamId, scratch),
        onEvent: recorder.onEvent,
        ...this.options.pipeline,
      });
      report = result.report;
      constraintsMet = result.constraintsMet;
    }

    const reportBlob = await storeBytes(blobs, serializeReport(report));
    await db.artifacts.record(teamId, runId, { stageIndex: null, kind: 'report', blobSha256: reportBlob.sha256, sizeBytes: reportBlob.sizeBytes });
    const htmlBlob = await storeBytes(blobs, renderReportHtml(report));
    await db.artifacts.record(teamId, runId, { stageIndex: null, kind: 'report-html', blobSha256: htmlBlob.sha256, sizeBytes: htmlBlob.sizeBytes });
    await progress.close();
    if (!constraintsMet) {
      const unmet = report.constraints.filter((constraint) => !constraint.met).map((constraint) => constraint.message);
      await this.finishFailed(run, undefined, new EdgepressError(ErrorCode.CONSTRAINT_NOT_MET, `The final model does not meet its constraints: ${unmet.join('; ')}`), log);
      return;
    }
    const finishedRun = await db.runs.succeed(teamId, runId, 'done');
    await publishRunEvent(db.pool, { teamId, runId, kind: 'run-finished', state: finishedRun.run.state });
    log.info({ report: reportBlob.sha256 }, 'run succeeded');
  }

  private async finishCancelled(run: Run, log: Logger): Promise<void> {
    const { db } = this.options;
    const { run: cancelled } = await db.runs.markCancelled(run.teamId, run.id);
    await publishRunEvent(db.pool, { teamId: run.teamId, runId: run.id, kind: 'run-finished', state: cancelled.state });
    log.info({ state: cancelled.state }, 'run cancelled');
  }

  private async finishFailed(run: Run, recorder: StageRecorder | undefined, error: EdgepressError, log: Logger): Promise<void> {
    const { db } = this.options;
    const failure = { code: error.code, message: error.message };
    const stageIndex = recorder?.currentStage ?? null;
    if (stageIndex !== null) {
      const { changed } = await db.stages.fail(run.teamId, run.id, stageIndex, { ...failure, log: recorder?.log });
      if (changed) await publishRunEvent(db.pool, { teamId: run.teamId, runId: run.id, kind: 'stage-completed', stageIndex });
    }
    const { run: failed } = await db.runs.fail(run.teamId, run.id, failure);
    await publishRunEvent(db.pool, { teamId: run.teamId, runId: run.id, kind: 'run-finished', state: failed.state, message: error.message });
    log.warn({ code: error.code, message: error.message, stage: stageIndex }, 'run failed');
  }
}
