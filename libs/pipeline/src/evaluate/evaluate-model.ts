import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { Dataset } from '../data/sample';
import { FidelityAccumulator, type FidelityOptions, type FidelityResult } from './fidelity';
import type { OrtModelSession } from './ort-session';
import type { ReferenceOutputs, ReferenceRecorder } from './reference-outputs';
import { runDataset } from './run-dataset';
import type { TaskMetric, TaskMetricResult } from './task-metric';

export interface EvaluationOptions {
  /** Samples per run (default 1). */
  readonly batchSize?: number;
  /** The baseline's outputs: when given, fidelity is measured against them. */
  readonly reference?: ReferenceOutputs;
  readonly fidelity?: FidelityOptions;
  /** Task quality against labels or texts (classificationAccuracy, ctcTextAccuracy, ...). */
  readonly taskMetric?: TaskMetric;
  /** Keeps this model's outputs as the reference for later models (used for the baseline). */
  readonly recorder?: ReferenceRecorder;
}

export interface EvaluationResult {
  readonly samples: number;
  readonly fidelity: FidelityResult | null;
  readonly task: TaskMetricResult | null;
}

/** One pass over the evaluation data: fidelity against the reference and the task metric, batch by batch. */
export async function evaluateModel(session: OrtModelSession, dataset: Dataset, options: EvaluationOptions = {}): Promise<EvaluationResult> {
  const reference = options.reference;
  const fidelity = reference === undefined ? undefined : new FidelityAccumulator(options.fidelity);
  const task = options.taskMetric?.start();
  let samples = 0;
  for await (const { batch, outputs } of runDataset(session, dataset, { batchSize: options.batchSize })) {
    samples += batch.samples.length;
    options.recorder?.record(batch, outputs);
    if (fidelity !== undefined && reference !== undefined) fidelity.add(await reference.outputsFor(batch), outputs, batch.samples.length);
    task?.add(outputs, batch.samples);
  }
  if (samples === 0) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Evaluation data ${dataset.description} holds no samples`);
  return { samples, fidelity: fidelity?.result() ?? null, task: task?.result() ?? null };
}
