import { EdgepressError, ErrorCode, type StageContext, type TensorHandle } from '@edgepress/plugin-sdk';
import { accumulateChannelSums } from './bias-correction';

/** Host bytes of activations requested per calibration.activations call (the host keeps every batch of a call). */
const CHUNK_BYTES = 128 * 1024 * 1024;

export interface MeanRequest {
  readonly tensor: string;
  /** Channel axis of the tensor (negative counts from the end). */
  readonly axis: number;
  readonly channels: number;
}

function bytesOf(handle: TensorHandle): number {
  return handle.dims.reduce((product, dim) => product * dim, 1) * 4;
}

/**
 * Mean of every channel of the named activations over the first `batches` calibration batches.
 * Tensors are fetched a few at a time (the host holds all batches of one call) and reduced in the
 * sandbox one handle at a time; the chunk size adapts to the bytes the first tensors turned out
 * to need, so that large feature maps (a 640x640 detector) stay within CHUNK_BYTES per call.
 */
export async function channelMeans(ctx: StageContext, requests: readonly MeanRequest[], batches: number): Promise<Map<string, Float64Array>> {
  const means = new Map<string, Float64Array>();
  let chunk = 4;
  for (let start = 0; start < requests.length; ) {
    ctx.signal.throwIfAborted();
    const part = requests.slice(start, start + chunk);
    const fetched = await ctx.calibration.activations(
      part.map((request) => request.tensor),
      { maxBatches: batches },
    );
    let largest = 0;
    for (const request of part) {
      const handles = fetched[request.tensor] ?? [];
      const sums = new Float64Array(request.channels);
      let count = 0;
      for (const handle of handles) {
        largest = Math.max(largest, bytesOf(handle) * handles.length);
        const data = await ctx.tensors.read(handle);
        await ctx.tensors.release([handle]);
        if (!(data.values instanceof Float32Array)) throw new EdgepressError(ErrorCode.PLUGIN_FAILED, `Expected float values for activation '${request.tensor}' but the host returned ${data.dataType}`);
        count += accumulateChannelSums(data.values, data.dims, request.axis, sums);
      }
      if (count > 0) means.set(request.tensor, sums.map((sum) => sum / count));
    }
    start += part.length;
    chunk = Math.max(1, Math.min(64, Math.floor(CHUNK_BYTES / Math.max(1, largest))));
  }
  return means;
}
