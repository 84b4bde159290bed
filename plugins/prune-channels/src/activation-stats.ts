import type { StageContext } from '@edgepress/plugin-sdk';

/** Per-channel first and second moments of a value over the calibration batches. */
export interface ChannelStats {
  readonly mean: Float64Array;
  readonly meanSquare: Float64Array;
}

export interface StatsRequest {
  readonly value: string;
  /** Channel axis counted from the end (as in the channel flow). */
  readonly axisFromEnd: number;
}

/** How many values one calibration pass captures: bounds the host memory the activations hold. */
const VALUES_PER_PASS = 8;

/**
 * Runs the calibration batches through the model (on the host, in ONNX Runtime) and reduces the
 * requested activations to per-channel statistics inside the sandbox, a few values per pass so
 * that host and sandbox memory stay bounded; every handle is released after reading.
 */
export async function channelStatistics(ctx: StageContext, requests: readonly StatsRequest[], maxBatches: number): Promise<Map<string, ChannelStats>> {
  const stats = new Map<string, ChannelStats>();
  const axisOf = new Map(requests.map((request) => [request.value, request.axisFromEnd]));
  const names = [...axisOf.keys()];
  for (let start = 0; start < names.length; start += VALUES_PER_PASS) {
    ctx.signal.throwIfAborted();
    const chunk = names.slice(start, start + VALUES_PER_PASS);
    const captured = await ctx.calibration.activations(chunk, { maxBatches });
    for (const name of chunk) {
      const handles = captured[name] ?? [];
      let sums: { mean: Float64Array; meanSquare: Float64Array } | undefined;
      for (const handle of handles) {
        const data = await ctx.tensors.read(handle);
        await ctx.tensors.release([handle]);
        if (!(data.values instanceof Float32Array)) continue;
        const axis = data.dims.length + axisOf.get(name)!;
        const channels = data.dims[axis];
        const inner = data.dims.slice(axis + 1).reduce((a, b) => a * b, 1);
        const count = data.values.length / channels;
        sums ??= { mean: new Float64Array(channels), meanSquare: new Float64Array(channels) };
        const values = data.values;
        for (let i = 0; i < values.length; i++) {
          const c = Math.floor(i / inner) % channels;
          sums.mean[c] += values[i] / count / handles.length;
          sums.meanSquare[c] += (values[i] * values[i]) / count / handles.length;
        }
      }
      if (sums !== undefined) stats.set(name, sums);
    }
    ctx.progress(0.4 * Math.min(1, (start + chunk.length) / names.length), 'activation statistics');
  }
  return stats;
}
