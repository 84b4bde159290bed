import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { Batch } from '../data/batch';
import type { OrtModelSession, OutputTensor } from './ort-session';

/**
 * The baseline's outputs for the evaluation batches, which every compressed model is compared to.
 * Batches are identified by their index in the (deterministic) dataset order.
 */
export interface ReferenceOutputs {
  outputsFor(batch: Batch): Promise<Readonly<Record<string, OutputTensor>>>;
}

/** Re-runs the baseline session for every batch: no memory beyond one batch, one extra inference per batch. */
export function sessionReference(baseline: OrtModelSession): ReferenceOutputs {
  return { outputsFor: (batch) => baseline.run(batch.feeds) };
}

export const DEFAULT_MAX_RECORDED_BYTES = 256 * 1024 * 1024;

/**
 * Keeps the baseline's outputs in memory while the baseline is evaluated, up to a byte cap; later
 * evaluations must use the same data and batch size (checked by sample ids). Past
 * the cap it drops what it holds and `reference()` returns undefined, so that the caller falls back
 * to sessionReference.
 */
export class ReferenceRecorder {
  private readonly recorded = new Map<number, { ids: string; outputs: Readonly<Record<string, OutputTensor>> }>();
  private bytes = 0;
  private overflowed = false;

  constructor(private readonly maxBytes = DEFAULT_MAX_RECORDED_BYTES) {}

  record(batch: Batch, outputs: Readonly<Record<string, OutputTensor>>): void {
    if (this.overflowed) return;
    for (const tensor of Object.values(outputs)) this.bytes += byteSize(tensor);
    if (this.bytes > this.maxBytes) {
      this.overflowed = true;
      this.recorded.clear();
      return;
    }
    this.recorded.set(batch.index, { ids: idsOf(batch), outputs });
  }

  /** The recorded reference, or undefined when the outputs did not fit under the cap. */
  reference(): ReferenceOutputs | undefined {
    if (this.overflowed) return undefined;
    const recorded = this.recorded;
    return {
      outputsFor: async (batch) => {
        const entry = recorded.get(batch.index);
        if (entry === undefined || entry.ids !== idsOf(batch)) {
          throw new EdgepressError(
            ErrorCode.INVALID_ARGUMENT,
            `The baseline outputs were recorded for other batches than evaluation batch ${batch.index} (${idsOf(batch)}): evaluate with the same data and batch size as the baseline`,
          );
        }
        return entry.outputs;
      },
    };
  }
}

function byteSize(tensor: OutputTensor): number {
  const data = tensor.data as ArrayLike<unknown> & { byteLength?: number };
  return data.byteLength ?? data.length * 8;
}

function idsOf(batch: Batch): string {
  return batch.samples.map((sample) => sample.id).join(', ');
}
