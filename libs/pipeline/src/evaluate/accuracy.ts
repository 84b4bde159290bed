import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { Sample } from '../data/sample';
import type { OutputTensor } from './ort-session';
import type { ClassAccuracy, TaskMetric, TaskMetricAccumulator, TaskMetricResult } from './task-metric';
import { argMax, numericValues } from './tensor-values';

export interface ClassificationOptions {
  /** Output holding the class scores [N, C] (default: the model's first output). */
  readonly output?: string;
}

/**
 * Top-1 accuracy of a classifier against sample labels: the arg-max of the scores' last axis
 * ([N, C], or [C] / [1, C] for one sample) is the prediction. Also per-class accuracy, because
 * compression often hurts some classes far more than the average shows (see classAccuracyDeltas).
 */
export function classificationAccuracy(options: ClassificationOptions = {}): TaskMetric {
  return {
    name: 'top1-accuracy',
    start: () => new ClassificationAccumulator(options.output),
  };
}

class ClassificationAccumulator implements TaskMetricAccumulator {
  private readonly perClass = new Map<number, { samples: number; correct: number }>();
  private samples = 0;
  private correct = 0;

  constructor(private readonly outputName: string | undefined) {}

  add(outputs: Readonly<Record<string, OutputTensor>>, samples: readonly Sample[]): void {
    const name = this.outputName ?? Object.keys(outputs)[0];
    const tensor = outputs[name];
    if (tensor === undefined) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Classification accuracy reads output '${name}', which the model does not have`);
    const values = numericValues(tensor, name);
    const classes = tensor.dims.length === 0 ? 1 : tensor.dims[tensor.dims.length - 1];
    if (values.length !== classes * samples.length) {
      throw new EdgepressError(
        ErrorCode.BAD_USER_INPUT,
        `Classification accuracy needs one row of class scores per sample, but output '${name}' has shape [${tensor.dims.join(', ')}] for ${samples.length} sample(s)`,
      );
    }
    samples.forEach((sample, row) => {
      if (sample.label === undefined) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Sample '${sample.id}' has no label; classification accuracy needs every sample labelled`);
      const hit = argMax(values, row * classes, 1, classes) === sample.label;
      const entry = this.perClass.get(sample.label) ?? { samples: 0, correct: 0 };
      entry.samples++;
      if (hit) entry.correct++;
      this.perClass.set(sample.label, entry);
      this.samples++;
      if (hit) this.correct++;
    });
  }

  result(): TaskMetricResult {
    if (this.samples === 0) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Classification accuracy saw no samples');
    const perClass: ClassAccuracy[] = [...this.perClass.entries()]
      .sort(([a], [b]) => a - b)
      .map(([label, { samples, correct }]) => ({ label, samples, correct, accuracy: correct / samples }));
    return { metric: 'top1-accuracy', value: this.correct / this.samples, samples: this.samples, figures: { correct: this.correct }, perClass };
  }
}

export interface ClassAccuracyDelta {
  readonly label: number;
  readonly samples: number;
  readonly baselineAccuracy: number;
  readonly accuracy: number;
  /** accuracy - baselineAccuracy (negative: the class got worse). */
  readonly delta: number;
}

/** Per-class accuracy change against the baseline, worst first. */
export function classAccuracyDeltas(baseline: readonly ClassAccuracy[], candidate: readonly ClassAccuracy[]): ClassAccuracyDelta[] {
  const before = new Map(baseline.map((entry) => [entry.label, entry]));
  return candidate
    .flatMap((entry) => {
      const previous = before.get(entry.label);
      if (previous === undefined) return [];
      return [{ label: entry.label, samples: entry.samples, baselineAccuracy: previous.accuracy, accuracy: entry.accuracy, delta: entry.accuracy - previous.accuracy }];
    })
    .sort((a, b) => a.delta - b.delta || a.label - b.label);
}
