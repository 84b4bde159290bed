import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { readModel, summarizeModel, type ModelSummary, type SummaryOptions } from '@edgepress/onnx';
import { checkCompatibility, estimate, type HardwareTarget } from '@edgepress/targets';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { batchDataset } from '../data/batch';
import type { Dataset, SampleTensor } from '../data/sample';
import { randomDataset } from '../data/random-dataset';
import { evaluateModel } from '../evaluate/evaluate-model';
import type { FidelityOptions, FidelityResult } from '../evaluate/fidelity';
import { measureLatency, type LatencyOptions, type LatencyResult } from '../evaluate/latency';
import { OrtModelSession, type SessionSettings } from '../evaluate/ort-session';
import type { ReferenceOutputs, ReferenceRecorder } from '../evaluate/reference-outputs';
import type { TaskMetric, TaskMetricResult } from '../evaluate/task-metric';

const gzipAsync = promisify(gzip);

/** libs/targets' roofline estimate, reduced to what a stage report shows (a model of the target, not a measurement). */
export interface TargetEstimate {
  readonly targetId: string;
  readonly latencyMs: number;
  readonly energyMj: number;
  /** False when some layers could not be estimated (the latency is then a lower bound). */
  readonly complete: boolean;
  readonly compatible: boolean;
  readonly fits: boolean;
  /** Compatibility errors and warnings (code, severity, message). */
  readonly issues: readonly { readonly code: string; readonly severity: string; readonly message: string }[];
}

export interface StageMetrics {
  readonly sizeBytes: number;
  /** Size after gzip -9: what an over-the-air update of the model costs. */
  readonly gzipBytes: number;
  readonly parameters: number;
  readonly nonZeros: number;
  readonly weightBytes: number;
  /** Stored weight bits per parameter (32 for fp32, about 8 for int8 with its scales); null without weights. */
  readonly bitsPerWeight: number | null;
  /** ONNX Runtime on this host; null when not measured. */
  readonly latency: LatencyResult | null;
  readonly estimate: TargetEstimate | null;
  /** Against the baseline's outputs; null for the baseline itself or without evaluation data. */
  readonly fidelity: FidelityResult | null;
  /** The task metric (accuracy) when the evaluation data carries labels or texts. */
  readonly accuracy: TaskMetricResult | null;
  readonly evaluatedSamples: number;
}

export interface MeasureOptions {
  /** Evaluation data: fidelity and accuracy are measured on it, and its first batch is the latency input. */
  readonly evaluation?: Dataset;
  readonly batchSize?: number;
  /** The baseline's outputs (see ReferenceRecorder, sessionReference). */
  readonly reference?: ReferenceOutputs;
  /** Records this model's outputs as the reference (the baseline's measurement passes one). */
  readonly recorder?: ReferenceRecorder;
  readonly fidelity?: FidelityOptions;
  readonly taskMetric?: TaskMetric;
  readonly target?: HardwareTarget;
  readonly session?: SessionSettings;
  /** Latency options, or false to skip timing. */
  readonly latency?: LatencyOptions | false;
  /** Latency input when there is no evaluation data (default: seeded random data shaped by `shapes`). */
  readonly latencyFeeds?: Readonly<Record<string, SampleTensor>>;
  /**
   * Values of symbolic dimensions for the summary, the estimate and random latency input. Default:
   * the input shapes of the first evaluation batch.
   */
  readonly shapes?: SummaryOptions;
}

/**
 * Everything measured for the baseline and after every stage. The model must load and run in ONNX
 * Runtime (INVALID_MODEL otherwise). One evaluation pass gives fidelity and accuracy; latency is
 * timed separately on one batch.
 */
export async function measureModel(modelBytes: Uint8Array, options: MeasureOptions = {}): Promise<StageMetrics> {
  const session = await OrtModelSession.create(modelBytes, options.session);
  try {
    const firstFeeds = await firstBatchFeeds(session, options);
    const shapes = options.shapes ?? (firstFeeds === undefined ? {} : { inputShapes: shapesOf(firstFeeds) });
    const summary = summarizeModel(readModel(modelBytes), shapes);
    const evaluation =
      options.evaluation === undefined
        ? undefined
        : await evaluateModel(session, options.evaluation, {
            batchSize: options.batchSize,
            reference: options.reference,
            recorder: options.recorder,
            fidelity: options.fidelity,
            taskMetric: options.taskMetric,
          });
    const latency = options.latency === false ? null : await measureLatency(session, firstFeeds ?? (await randomFeeds(session, shapes)), options.latency);
    return {
      sizeBytes: modelBytes.length,
      gzipBytes: (await gzipAsync(modelBytes, { level: 9 })).length,
      parameters: summary.parameters,
      nonZeros: summary.nonZeroParameters,
      weightBytes: summary.weightBytes,
      bitsPerWeight: summary.parameters === 0 ? null : (summary.weightBytes * 8) / summary.parameters,
      latency,
      estimate: options.target === undefined ? null : targetEstimate(summary, options.target),
      fidelity: evaluation?.fidelity ?? null,
      accuracy: evaluation?.task ?? null,
      evaluatedSamples: evaluation?.samples ?? 0,
    };
  } finally {
    await session.release();
  }
}

async function firstBatchFeeds(session: OrtModelSession, options: MeasureOptions): Promise<Readonly<Record<string, SampleTensor>> | undefined> {
  if (options.latencyFeeds !== undefined) return options.latencyFeeds;
  if (options.evaluation === undefined) return undefined;
  // Latency is per sample: batch size 1, whatever the evaluation batch size.
  const batches = batchDataset(options.evaluation, session.inputs, 1);
  try {
    const first = await batches.next();
    return first.done === true ? undefined : first.value.feeds;
  } finally {
    await batches.return(undefined);
  }
}

async function randomFeeds(session: OrtModelSession, shapes: SummaryOptions): Promise<Readonly<Record<string, SampleTensor>>> {
  const inputShapes: Record<string, number[]> = {};
  for (const [name, shape] of Object.entries(shapes.inputShapes ?? {})) {
    if (shape.every((dim): dim is number => typeof dim === 'number')) inputShapes[name] = [...shape];
  }
  const dataset = randomDataset(session.inputs, { count: 1, dims: shapes.dims, inputShapes });
  for await (const batch of batchDataset(dataset, session.inputs)) return batch.feeds;
  throw new EdgepressError(ErrorCode.INTERNAL, 'A one-sample random dataset yielded no batch');
}

function shapesOf(feeds: Readonly<Record<string, SampleTensor>>): Record<string, number[]> {
  return Object.fromEntries(Object.entries(feeds).map(([name, tensor]) => [name, [...tensor.dims]]));
}

function targetEstimate(summary: ModelSummary, target: HardwareTarget): TargetEstimate {
  const roofline = estimate(summary, target);
  const compatibility = checkCompatibility(summary, target);
  return {
    targetId: target.id,
    latencyMs: roofline.latencyMs,
    energyMj: roofline.energyMj,
    complete: roofline.complete,
    compatible: compatibility.compatible,
    fits: compatibility.fits,
    issues: compatibility.issues.filter((issue) => issue.severity !== 'info').map(({ code, severity, message }) => ({ code, severity, message })),
  };
}
