import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { z } from 'zod';
import { hardwareTargetSchema, type HardwareTarget } from './schema/target-schema';

/** At most this many issues are spelled out in the message; all of them are in `details.issues`. */
const MAX_ISSUES_IN_MESSAGE = 10;

export interface TargetFieldIssue {
  /** Dotted path of the field, `memory.ramBytes` or `isaFeatures.2`; `(target)` for the whole object. */
  path: string;
  message: string;
}

/**
 * Validates a hardware target (a catalog entry or a team's own) and returns it deeply frozen.
 * Throws BAD_USER_INPUT naming every bad field and what was expected.
 */
export function defineTarget(input: unknown): HardwareTarget {
  const result = hardwareTargetSchema.safeParse(input, { reportInput: true });
  if (!result.success) {
    const issues = result.error.issues.map(toFieldIssue);
    const label = describeInput(input);
    const shown = issues.slice(0, MAX_ISSUES_IN_MESSAGE).map((issue) => `${issue.path}: ${issue.message}`);
    const more = issues.length > MAX_ISSUES_IN_MESSAGE ? `; and ${issues.length - MAX_ISSUES_IN_MESSAGE} more` : '';
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Invalid hardware target${label}: ${shown.join('; ')}${more}`, {
      details: { issues },
    });
  }
  return deepFreeze(result.data) as HardwareTarget;
}

function toFieldIssue(issue: z.core.$ZodIssue): TargetFieldIssue {
  const path = issue.path.length === 0 ? '(target)' : issue.path.map(String).join('.');
  const received = 'input' in issue && issue.code !== 'unrecognized_keys' ? describeValue(issue.input) : undefined;
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`
      : issue.message;
  return { path, message: received === undefined || message.includes('received') ? message : `${message}, received ${received}` };
}

/** A short, safe rendering of a received value: never a whole object, never more than 40 characters. */
function describeValue(value: unknown): string | undefined {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function describeInput(input: unknown): string {
  if (typeof input !== 'object' || input === null) return '';
  const id = (input as { id?: unknown }).id;
  return typeof id === 'string' && id.length <= 64 ? ` ${JSON.stringify(id)}` : '';
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
