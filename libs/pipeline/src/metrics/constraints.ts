import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { StageMetrics } from './stage-metrics';

/** Limits a pipeline's final model must meet (each optional). */
export interface Constraints {
  /** File size of the final model, bytes. */
  readonly maxSizeBytes?: number;
  /** Task accuracy lost against the baseline, absolute (0.01 = one percentage point). */
  readonly maxAccuracyDrop?: number;
  /** 1 - mean cosine similarity against the baseline's outputs. */
  readonly maxFidelityDrop?: number;
  /** libs/targets' estimated latency on the target, ms. */
  readonly maxEstimatedLatencyMs?: number;
}

export type ConstraintName = keyof Constraints;

export interface ConstraintResult {
  readonly constraint: ConstraintName;
  readonly limit: number;
  /** The measured value; null when it was not measured (no labels, no target, no evaluation data). */
  readonly actual: number | null;
  readonly met: boolean;
  readonly message: string;
}

const NAMES: readonly ConstraintName[] = ['maxSizeBytes', 'maxAccuracyDrop', 'maxFidelityDrop', 'maxEstimatedLatencyMs'];

/** Refuses unknown keys and limits that are not non-negative finite numbers. */
export function validateConstraints(constraints: unknown): Constraints {
  if (typeof constraints !== 'object' || constraints === null || Array.isArray(constraints)) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected constraints as an object');
  }
  for (const [key, value] of Object.entries(constraints)) {
    if (!NAMES.includes(key as ConstraintName)) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Unknown constraint '${key}'; expected ${NAMES.join(', ')}`);
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
      throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected a non-negative number for constraint ${key} but received ${JSON.stringify(value)}`);
    }
  }
  return constraints as Constraints;
}

/** Checks the final model's metrics against the constraints; a limit whose figure was not measured is not met. */
export function checkConstraints(constraints: Constraints, baseline: StageMetrics, final: StageMetrics): ConstraintResult[] {
  const results: ConstraintResult[] = [];
  const check = (constraint: ConstraintName, actual: number | null, unit: string, missing: string) => {
    const limit = constraints[constraint];
    if (limit === undefined) return;
    if (actual === null) {
      results.push({ constraint, limit, actual, met: false, message: `${constraint} ${limit}${unit} could not be checked: ${missing}` });
      return;
    }
    const met = actual <= limit;
    results.push({ constraint, limit, actual, met, message: `${constraint}: ${format(actual)}${unit} ${met ? '<=' : '>'} ${format(limit)}${unit}` });
  };
  check('maxSizeBytes', final.sizeBytes, ' bytes', '');
  const accuracyDrop = baseline.accuracy !== null && final.accuracy !== null ? baseline.accuracy.value - final.accuracy.value : null;
  check('maxAccuracyDrop', accuracyDrop, '', 'no task accuracy was measured (the evaluation data has no labels)');
  const fidelityDrop = final === baseline ? 0 : final.fidelity === null ? null : 1 - final.fidelity.cosine;
  check('maxFidelityDrop', fidelityDrop, '', 'fidelity was not measured (no evaluation data)');
  check('maxEstimatedLatencyMs', final.estimate?.latencyMs ?? null, ' ms', 'no target estimate (no target given)');
  return results;
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}
