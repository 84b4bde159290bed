import type { Sample } from '../data/sample';
import type { OutputTensor } from './ort-session';

/** Accuracy of one class (classification metrics). */
export interface ClassAccuracy {
  readonly label: number;
  readonly samples: number;
  readonly correct: number;
  readonly accuracy: number;
}

/** What a task metric measured on a model. `value` is the headline figure, in [0, 1], higher is better. */
export interface TaskMetricResult {
  /** Which metric ('top1-accuracy', 'ctc-character-accuracy', ...). */
  readonly metric: string;
  readonly value: number;
  /** Samples measured. */
  readonly samples: number;
  /** Further named figures (exact-line accuracy, ...). */
  readonly figures: Readonly<Record<string, number>>;
  /** Per-class accuracy, for classification metrics, sorted by label. */
  readonly perClass?: readonly ClassAccuracy[];
}

export interface TaskMetricAccumulator {
  /** One run's outputs and the samples it covered (one per row of the outputs' first axis). */
  add(outputs: Readonly<Record<string, OutputTensor>>, samples: readonly Sample[]): void;
  result(): TaskMetricResult;
}

/**
 * A pluggable measure of task quality computed from a model's outputs and the samples' labels or
 * texts: classification top-1 accuracy and CTC text recognition accuracy are built in.
 */
export interface TaskMetric {
  readonly name: string;
  start(): TaskMetricAccumulator;
}
