/** What runPipeline reports while it runs (the CLI draws progress from it; the worker stores stages and notifies). */
import type { StageLogEntry } from '@edgepress/plugin-host';
import type { StageResult } from '@edgepress/plugin-sdk';
import type { StageMetrics } from '../metrics/stage-metrics';
import type { Report } from '../report/report-schema';
import type { StageRecord } from '../report/report-json';

export type PipelineEvent =
  | { readonly type: 'validated'; readonly stages: ReadonlyArray<{ readonly plugin: string; readonly version: string; readonly params: Readonly<Record<string, unknown>> }>; readonly resumedAfter: number }
  | { readonly type: 'baseline-started' }
  | { readonly type: 'baseline-completed'; readonly metrics: StageMetrics }
  | { readonly type: 'stage-started'; readonly index: number; readonly plugin: string; readonly version: string }
  | { readonly type: 'stage-progress'; readonly index: number; readonly plugin: string; readonly fraction: number; readonly message: string | undefined }
  | { readonly type: 'stage-log'; readonly index: number; readonly plugin: string; readonly entry: StageLogEntry }
  | { readonly type: 'stage-measuring'; readonly index: number; readonly plugin: string }
  /** The stage's model and metrics: persist them here to resume after this stage. */
  | { readonly type: 'stage-completed'; readonly index: number; readonly record: StageRecord; readonly model: Uint8Array; readonly result: StageResult | undefined }
  | { readonly type: 'warning'; readonly message: string }
  | { readonly type: 'completed'; readonly report: Report };

/** Called for every event and awaited: a listener that fails (e.g. cannot store a stage) fails the run. */
export type PipelineEventListener = (event: PipelineEvent) => void | Promise<void>;
