import { EdgepressError, ErrorCode, type StageContext } from '@edgepress/plugin-sdk';
import { HessianAccumulator } from './gptq';
import type { Int4Layer } from './select-matmuls';

export interface LayerHessians {
  /** H = 2 X^T X / rows per MatMul input value. */
  readonly hessians: ReadonlyMap<string, Float64Array>;
  /** Largest rows-per-run seen per input value (the leading dims of A in one calibration batch). */
  readonly rows: ReadonlyMap<string, number>;
}

/**
 * Runs the current model over calibration batches once and accumulates H for the A input of every
 * layer (layers reading the same value share it). One activation batch at a time is copied into
 * the sandbox and freed before the next. H comes from the stage's input model for all layers at
 * once (one pass), not layer by layer after the earlier layers are quantized as in the GPTQ paper:
 * one ONNX Runtime pass instead of one per layer.
 */
export async function collectHessians(ctx: StageContext, layers: readonly Int4Layer[], maxBatches: number): Promise<LayerHessians> {
  if (ctx.calibration.batches === 0) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'rounding "gptq" needs calibration data but the run has none; give calibration inputs or use rounding "nearest"', {
      details: { field: 'rounding' },
    });
  }
  const widths = new Map<string, number>();
  for (const layer of layers) widths.set(layer.node.inputs[0] as string, layer.k);
  const names = [...widths.keys()];
  const activations = await ctx.calibration.activations(names, { maxBatches: Math.min(maxBatches, ctx.calibration.batches) });
  const hessians = new Map<string, Float64Array>();
  const rows = new Map<string, number>();
  let done = 0;
  for (const name of names) {
    const k = widths.get(name) as number;
    const accumulator = new HessianAccumulator(k);
    const batches = activations[name] ?? [];
    for (const handle of batches) {
      ctx.signal.throwIfAborted();
      const data = await ctx.tensors.read(handle);
      if (!(data.values instanceof Float32Array) || data.dims[data.dims.length - 1] !== k) {
        throw new EdgepressError(ErrorCode.PLUGIN_FAILED, `GPTQ: activation '${name}' arrived as ${data.dataType} [${data.dims.join(', ')}], expected float [..., ${k}]`);
      }
      const bad = data.values.findIndex((value) => !Number.isFinite(value));
      if (bad >= 0) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `GPTQ: activation '${name}' on the calibration data holds ${data.values[bad]} at index ${bad}; H needs finite activations`);
      accumulator.add(data.values);
      rows.set(name, Math.max(rows.get(name) ?? 0, data.values.length / k));
      await ctx.tensors.release([handle]);
    }
    hessians.set(name, accumulator.hessian());
    ctx.progress((0.3 * ++done) / names.length, `GPTQ: H of ${name}`);
  }
  return { hessians, rows };
}
