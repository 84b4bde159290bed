/**
 * What a failed attempt at a run means, which decides what the worker does next:
 *   cancelled            the run is being cancelled: record it cancelled
 *   interrupted          the worker is stopping or lost the job's claim: give the job back (throw),
 *                        another delivery resumes after the last stored stage
 *   kernels-unavailable  no kernel server answered during the stage: retry the stage, and fail the
 *                        run UNAVAILABLE naming the addresses when they stay away
 *   transient            the database or blob store failed: give the job back for a later retry
 *   final                the run cannot succeed (bad input, plugin failure, invalid model, limits):
 *                        record the failure with its public code and message
 * Internal errors are final too, with a generic message: their details go to the log only.
 * Tests: run-failure.test.ts.
 */
import { ErrorCode, isEdgepressError, toEdgepressError, type EdgepressError } from '@edgepress/errors';

export type RunFailure =
  | { kind: 'cancelled' }
  | { kind: 'interrupted'; reason: string }
  | { kind: 'kernels-unavailable'; error: EdgepressError }
  | { kind: 'transient'; error: unknown }
  | { kind: 'final'; error: EdgepressError };

/** Node and pg connection errors that a later attempt may not meet. */
const TRANSIENT_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN', 'EMFILE', 'ENFILE']);

function errno(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function classifyFailure(error: unknown, signal: AbortSignal, kernelFailure: EdgepressError | null): RunFailure {
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    if (isEdgepressError(reason) && reason.code === ErrorCode.CANCELLED) return { kind: 'cancelled' };
    return { kind: 'interrupted', reason: reason instanceof Error ? reason.message : String(reason) };
  }
  if (kernelFailure !== null) return { kind: 'kernels-unavailable', error: kernelFailure };
  if (isEdgepressError(error)) {
    // UNAVAILABLE that no kernel call raised is the database or another service of ours.
    if (error.code === ErrorCode.UNAVAILABLE) return { kind: 'transient', error };
    return { kind: 'final', error: toEdgepressError(error) };
  }
  if (TRANSIENT_ERRNOS.has(errno(error) ?? '')) return { kind: 'transient', error };
  return { kind: 'final', error: toEdgepressError(error) };
}
