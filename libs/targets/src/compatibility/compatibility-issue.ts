import type { Precision } from '../schema/fields';

/** Stable issue codes: clients (CLI, console, pipeline constraints) match on them, never on messages. */
export const COMPATIBILITY_ISSUE_CODES = [
  'EXCEEDS_FLASH',
  'EXCEEDS_RAM',
  'EXCEEDS_CONTIGUOUS_RAM',
  'ACTIVATIONS_IN_EXTERNAL_RAM',
  'EXCEEDS_ON_CHIP_MEMORY',
  'ACTIVATION_SIZE_UNKNOWN',
  'UNSUPPORTED_OP',
  'UNOPTIMIZED_OP',
  'UNSUPPORTED_PRECISION',
  'PRECISION_CONVERTED',
  'REQUIRES_INT8',
  'REQUIRES_PER_TENSOR',
  'REQUIRES_SYMMETRIC_WEIGHTS',
  'REQUIRES_REDUCE_RANGE',
  'REQUIRES_STATIC_SHAPES',
  'TENSOR_RANK_TOO_HIGH',
] as const;
export type CompatibilityIssueCode = (typeof COMPATIBILITY_ISSUE_CODES)[number];

/**
 * error: the model cannot run (or does not fit) as it is; warning: it runs, at a real cost (host
 * fallback, slower memory, an assumption we could not check); info: a fact the next compression
 * stage must honour.
 */
export type IssueSeverity = 'error' | 'warning' | 'info';

export interface CompatibilityIssue {
  readonly code: CompatibilityIssueCode;
  readonly severity: IssueSeverity;
  readonly message: string;
  /** Memory issues: bytes needed, bytes available, the excess, and needed / available. */
  readonly requiredBytes?: number;
  readonly availableBytes?: number;
  readonly excessBytes?: number;
  readonly ratio?: number;
  /** Operator issues. */
  readonly opType?: string;
  readonly nodeCount?: number;
  /** Precision issues: the layers' precision, how many layers, and what they run as. */
  readonly precision?: Precision;
  readonly layerCount?: number;
  readonly executedAs?: Precision | null;
  /** Shape issues: the graph inputs or outputs concerned. */
  readonly tensors?: readonly string[];
}

const SEVERITY_ORDER: Readonly<Record<IssueSeverity, number>> = { error: 0, warning: 1, info: 2 };

export function bySeverity(a: CompatibilityIssue, b: CompatibilityIssue): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}
