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

export interface CalibrationEvidence {
  readonly stats: Map<string, ChannelStats>;
  /** Dimensions of every captured value in the first calibration batch. */
  readonly dims: Map<string, readonly number[]>;
}

/**
 * Runs the calibration batches through the model (on the host, in ONNX Runtime) and reduces the
 * requested activations to per-channel statistics inside the sandbox, a few values per pass so
 * that host and sandbox memory stay bounded; every handle is released after reading. Values in
 * `dimsOnly` are captured for their dimensions only (their data never enters the sandbox).
 */
export async function channelStatistics(ctx: StageContext, requests: readonly StatsRequest[], maxBatches: number, dimsOnly: readonly string[] = []): Promise<CalibrationEvidence> {
  const stats = new Map<string, ChannelStats>();
  const dims = new Map<string, readonly number[]>();
  const axisOf = new Map(requests.map((request) => [request.value, request.axisFromEnd]));
  const names = [...new Set([...axisOf.keys(), ...dimsOnly])];
  for (let start = 0; start < names.length; start += VALUES_PER_PASS) {
    ctx.signal.throwIfAborted();
    const chunk = names.slice(start, start + VALUES_PER_PASS);
    const batches = chunk.some((name) => axisOf.has(name)) ? maxBatches : 1;
    const captured = await ctx.calibration.activations(chunk, { maxBatches: batches });
    for (const name of chunk) {
      const handles = captured[name] ?? [];
      if (handles.length > 0) dims.set(name, handles[0].dims);
      if (!axisOf.has(name)) {
        await ctx.tensors.release(handles);
        continue;
      }
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
  return { stats, dims };
}
