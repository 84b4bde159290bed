import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { ModelSummary } from '@edgepress/onnx';
import { assertModelSummary } from '../model-summary-guard';
import { quantizationRequirements, type QuantizationRequirements } from '../quantization-requirements';
import type { HardwareTarget } from '../schema/target-schema';
import { bySeverity, type CompatibilityIssue } from './compatibility-issue';
import { checkMemoryFit } from './memory-fit';
import { checkOperators } from './operator-support';
import { checkPrecisions } from './precision-support';
import { checkScheme } from './scheme-requirements';

export interface CompatibilityOptions {
  /** Flash taken by program code and the runtime on an MCU (default 0: the report says "before code"). */
  reservedFlashBytes?: number;
  /** RAM taken by the OS, the runtime and the application (default 0). */
  reservedRamBytes?: number;
}

export interface CompatibilityReport {
  readonly targetId: string;
  /** Weights and activations fit the target's memory (no EXCEEDS_FLASH or EXCEEDS_RAM). */
  readonly fits: boolean;
  /** No error at all: it fits, and every operator, precision and shape can run as it is. */
  readonly compatible: boolean;
  /** Errors first, then warnings, then information. */
  readonly issues: readonly CompatibilityIssue[];
  /** The quantization scheme the target requires, for the next compression stage. */
  readonly requiredScheme: QuantizationRequirements;
}

const MEMORY_ERRORS = new Set(['EXCEEDS_FLASH', 'EXCEEDS_RAM']);

/** Whether a model (its summary) can run on a target, and what must change if not. */
export function checkCompatibility(summary: ModelSummary, target: HardwareTarget, options: CompatibilityOptions = {}): CompatibilityReport {
  assertModelSummary(summary);
  const reserved = {
    reservedFlashBytes: reservation(options.reservedFlashBytes, 'reservedFlashBytes'),
    reservedRamBytes: reservation(options.reservedRamBytes, 'reservedRamBytes'),
  };
  const requiredScheme = quantizationRequirements(target);
  const issues = [
    ...checkMemoryFit(summary, target, reserved),
    ...checkOperators(summary, target),
    ...checkPrecisions(summary, target, requiredScheme),
    ...checkScheme(summary, target, requiredScheme),
  ].sort(bySeverity);
  return Object.freeze({
    targetId: target.id,
    fits: !issues.some((issue) => issue.severity === 'error' && MEMORY_ERRORS.has(issue.code)),
    compatible: !issues.some((issue) => issue.severity === 'error'),
    issues,
    requiredScheme,
  });
}

function reservation(value: number | undefined, name: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `checkCompatibility: expected a whole number of bytes >= 0 for ${name} but received ${String(value)}`, {
      details: { field: name },
    });
  }
  return value;
}
