/**
 * Turns runPipeline's events into the run's rows and notifications, as they happen: a stage is
 * marked running when it starts; when it completes, its model goes into the blob store first and
 * then its metrics, artifact and log excerpt are committed in one statement (stages.complete,
 * which records a stage once even when two deliveries race), so a worker that dies after this
 * point costs nothing of that stage. Progress is throttled (ProgressPublisher).
 */
import { publishRunEvent, type BlobStore, type Database } from '@edgepress/db';
import type { PipelineEvent, StageMetrics } from '@edgepress/pipeline';
import type { Logger } from 'pino';
import { storeBytes } from './blob-bytes';
import { stageMetricsDocument } from './metrics-document';
import type { ProgressPublisher } from './progress-publisher';

const LOG_TAIL_CHARS = 64 * 1024;

export class StageRecorder {
  /** The stage that is running (or failed last), for the failure record. */
  currentStage: number | null = null;
  baseline: StageMetrics | null;
  private logTail = '';

  constructor(
    private readonly db: Database,
    private readonly blobs: BlobStore,
    private readonly run: { teamId: string; runId: string },
    private readonly stageCount: number,
    private readonly progress: ProgressPublisher,
    private readonly logger: Logger,
    baseline: StageMetrics | null,
  ) {
    this.baseline = baseline;
  }

  /** The end of the current stage's log (kept with its failure too). */
  get log(): string {
    return this.logTail;
  }

  /** Overall progress: the baseline counts as one step, each stage as another. */
  private overall(stepsDone: number, fraction = 0): number {
    return Math.min(0.99, (stepsDone + fraction) / (this.stageCount + 1));
  }

  readonly onEvent = async (event: PipelineEvent): Promise<void> => {
    const { teamId, runId } = this.run;
    switch (event.type) {
      case 'validated':
        this.progress.report(this.overall(event.resumedAfter > 0 ? event.resumedAfter + 1 : 0), event.resumedAfter > 0 ? `resuming after stage ${event.resumedAfter}` : 'pipeline validated');
        break;
      case 'baseline-started':
        this.progress.report(this.overall(0), 'measuring the input model');
        break;
      case 'baseline-completed':
        this.baseline = event.metrics;
        this.progress.report(this.overall(1), 'input model measured');
        break;
      case 'stage-started':
        this.currentStage = event.index;
        this.logTail = '';
        await this.db.stages.start(teamId, runId, event.index);
        await publishRunEvent(this.db.pool, { teamId, runId, kind: 'stage-started', stageIndex: event.index });
        this.progress.report(this.overall(event.index + 1), `stage ${event.index + 1} (${event.plugin}) started`);
        this.logger.info({ stage: event.index, plugin: event.plugin, version: event.version }, 'stage started');
        break;
      case 'stage-progress':
        this.progress.report(this.overall(event.index + 1, 0.8 * event.fraction), `${event.plugin}: ${event.message ?? `${Math.round(event.fraction * 100)} %`}`);
        break;
      case 'stage-log':
        this.logTail = `${this.logTail}${event.entry.level} ${event.entry.message}\n`.slice(-LOG_TAIL_CHARS);
        break;
      case 'stage-measuring':
        this.progress.report(this.overall(event.index + 1, 0.85), `${event.plugin}: checking and measuring the output`);
        break;
      case 'stage-completed': {
        const artifact = await storeBytes(this.blobs, event.model);
        const metrics = stageMetricsDocument(event.record, event.index === 0 ? this.baseline : null);
        const { changed } = await this.db.stages.complete(teamId, runId, event.index, { metrics, artifact, log: this.logTail });
        await publishRunEvent(this.db.pool, { teamId, runId, kind: 'stage-completed', stageIndex: event.index });
        this.progress.report(this.overall(event.index + 2), `stage ${event.index + 1} (${event.record.plugin}) done`);
        this.logger.info({ stage: event.index, plugin: event.record.plugin, artifact: artifact.sha256, sizeBytes: artifact.sizeBytes, recorded: changed }, 'stage completed');
        break;
      }
      case 'warning':
        this.logger.warn({ warning: event.message }, 'pipeline warning');
        break;
      case 'completed':
        this.progress.report(0.99, 'writing the report');
        break;
    }
  };
}
