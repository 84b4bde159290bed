/**
 * quantize-int4: weight-only 4-bit block-wise quantization of MatMul weights. Activations stay
 * float; each MatMul by a constant [K, N] weight becomes com.microsoft MatMulNBits or an opset-21
 * int4 DequantizeLinear + MatMul. Rounding is the kernel's round-to-nearest, or GPTQ
 * (error-compensating, driven by calibration activations; see gptq.ts).
 */
import { definePlugin, EdgepressError, ErrorCode, type PluginTarget, type StageContext, type StageResult, type SupportDecision, type TensorHandle } from '@edgepress/plugin-sdk';
import { collectHessians, type LayerHessians } from './calibration-hessians';
import { emitDequantizeLinear, emitMatMulNBits, type MatMulNBitsInputs } from './emit-int4';
import { gptqQuantize } from './gptq';
import { blockCount, packMatMulNBits, unpackMatMulNBits, type Int4Blocks } from './int4-blocks';
import { quantizeInt4Params, type QuantizeInt4Params } from './params';
import { selectMatMuls, type Int4Layer } from './select-matmuls';

/** Measured with ONNX Runtime 1.30 on AVX2: MatMulNBits is slower than an fp32 MatMul from this many rows of A. */
const SLOW_ROWS = 64;
/**
 * GPTQ holds about five K x K float64 matrices (H, its factors) in the sandbox and costs O(K^3):
 * 170 MB and seconds at K = 2048. Wider layers are rounded to nearest, with a note.
 */
const MAX_GPTQ_INPUTS = 2048;

function supports(target: PluginTarget): SupportDecision {
  if (!target.precisions.some((precision) => precision === 'fp32' || precision === 'fp16' || precision === 'bf16')) {
    return {
      supported: false,
      reason: `${target.name} computes in ${target.precisions.join('/')} only; weight-only int4 keeps float activations and float MatMuls, which it cannot run`,
    };
  }
  return { supported: true };
}

/** Round-to-nearest by the kernel: MatMulNBits inputs as host handles, or the blocks read back for the DequantizeLinear form. */
async function kernelBlocks(ctx: StageContext, layer: Int4Layer, params: QuantizeInt4Params): Promise<{ inputs?: MatMulNBitsInputs; blocks?: Int4Blocks }> {
  const result = await ctx.kernels.quantizeMatMulNBits(layer.weight.tensor, { blockSize: params.blockSize, symmetric: params.symmetric });
  const inputs = { packed: result.packed, scales: result.scales, ...(result.zeroPoints === undefined ? {} : { zeroPoints: result.zeroPoints }) };
  if (params.format === 'matmulnbits') return { inputs };
  const read = async (handle: TensorHandle) => (await ctx.tensors.read(handle)).values;
  const blocks = unpackMatMulNBits(
    { k: layer.k, n: layer.n, blockSize: params.blockSize, symmetric: params.symmetric },
    (await read(result.packed)) as Uint8Array,
    (await read(result.scales)) as Float32Array,
    result.zeroPoints === undefined ? undefined : ((await read(result.zeroPoints)) as Uint8Array),
  );
  await ctx.tensors.release([result.packed, result.scales, ...(result.zeroPoints === undefined ? [] : [result.zeroPoints])]);
  return { blocks };
}

async function gptqBlocks(ctx: StageContext, layer: Int4Layer, params: QuantizeInt4Params, hessians: LayerHessians): Promise<Int4Blocks> {
  const weight = await ctx.tensors.read(layer.weight.tensor);
  const values = weight.values as Float32Array;
  const bad = values.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) throw new EdgepressError(ErrorCode.INVALID_MODEL, `Expected finite weights but ${layer.weight.name}[${bad}] of ${layer.node.name} is ${values[bad]}`);
  const hessian = hessians.hessians.get(layer.node.inputs[0] as string) as Float64Array;
  return gptqQuantize(values, layer.k, layer.n, hessian, {
    blockSize: params.blockSize,
    symmetric: params.symmetric,
    dampening: params.dampening,
  }).blocks;
}

async function writeMatMulNBits(ctx: StageContext, blocks: Int4Blocks): Promise<MatMulNBitsInputs> {
  const { packed, zeroPoints } = packMatMulNBits(blocks);
  const count = blockCount(blocks.k, blocks.blockSize);
  return {
    packed: await ctx.tensors.write({ dataType: 'uint8', dims: [blocks.n, count, blocks.blockSize / 2], values: packed }),
    scales: await ctx.tensors.write({ dataType: 'float', dims: [blocks.n * count], values: blocks.scales }),
    ...(zeroPoints === undefined ? {} : { zeroPoints: await ctx.tensors.write({ dataType: 'uint8', dims: [zeroPoints.length], values: zeroPoints }) }),
  };
}

function storedBytes(layer: Int4Layer, blockSize: number, symmetric: boolean): number {
  const count = blockCount(layer.k, blockSize);
  return layer.n * count * (blockSize / 2) + 4 * layer.n * count + (symmetric ? 0 : layer.n * Math.ceil(count / 2));
}

function rowNotes(layers: readonly Int4Layer[], hessians: LayerHessians | undefined): string[] {
  const notes: string[] = [];
  const large: string[] = [];
  let unknown = 0;
  for (const layer of layers) {
    const rows = layer.rows ?? hessians?.rows.get(layer.node.inputs[0] as string);
    if (rows === undefined) unknown++;
    else if (rows >= SLOW_ROWS) large.push(`${layer.node.name} (${rows} rows)`);
  }
  if (large.length > 0) {
    notes.push(
      `MatMulNBits ran slower than an fp32 MatMul once A has ${SLOW_ROWS} rows or more (ONNX Runtime 1.30, AVX2); these layers have that many per run: ${large.slice(0, 10).join(', ')}${large.length > 10 ? ', ...' : ''}. Expect a smaller model, not a faster one.`,
    );
  }
  if (unknown > 0) {
    notes.push(`${unknown} quantized layer(s) have a dynamic number of rows: with ${SLOW_ROWS} or more rows per run MatMulNBits is slower than fp32 on CPUs (ONNX Runtime 1.30, AVX2).`);
  }
  return notes;
}

export default definePlugin({
  name: 'quantize-int4',
  version: '1.0.0',
  kind: 'quantize',
  description:
    'Weight-only 4-bit block-wise quantization of MatMul weights: com.microsoft MatMulNBits or opset-21 int4 DequantizeLinear, symmetric or asymmetric blocks, round-to-nearest or GPTQ error-compensating rounding from calibration activations.',
  params: quantizeInt4Params,
  engines: '^1.0.0',
  supports,
  async run(ctx, params): Promise<StageResult> {
    let view = await ctx.model.graph();
    let selection = selectMatMuls(view, params);
    const notes = selection.skipped.map((reason) => `kept in fp32: ${reason}`);
    if (selection.layers.length === 0) {
      ctx.log.warn('quantize-int4: no MatMul with a constant float weight and K >= blockSize');
      return { summary: { layers: 0 }, notes: [...notes, 'No MatMul qualified: nothing was quantized.'] };
    }
    if (!ctx.target.precisions.includes('int4')) {
      const note = `${ctx.target.name} has no int4 arithmetic: the weights are stored in 4 bits and unpacked to float at run time (smaller file and weight traffic, no int4 compute).`;
      ctx.log.warn(note);
      notes.push(note);
    }
    if (params.format === 'dequantize-linear' && (view.opsets[''] ?? 1) < 21) {
      await ctx.model.ensureOpset('', 21);
      view = await ctx.model.graph();
      selection = selectMatMuls(view, params);
    } else if (params.format === 'matmulnbits') {
      await ctx.model.ensureOpset('com.microsoft', 1);
    }
    const { layers } = selection;
    const gptqLayers = params.rounding === 'gptq' ? layers.filter((layer) => layer.k <= MAX_GPTQ_INPUTS) : [];
    if (gptqLayers.length < (params.rounding === 'gptq' ? layers.length : 0)) {
      notes.push(`rounded to nearest: ${layers.length - gptqLayers.length} layer(s) with K > ${MAX_GPTQ_INPUTS} (GPTQ's K x K matrices would not fit the sandbox)`);
    }
    const hessians = gptqLayers.length > 0 ? await collectHessians(ctx, gptqLayers, params.calibrationBatches) : undefined;

    let floatBytes = 0;
    let int4Bytes = 0;
    let parameters = 0;
    for (const [i, layer] of layers.entries()) {
      ctx.signal.throwIfAborted();
      if (hessians === undefined || layer.k > MAX_GPTQ_INPUTS) {
        const { inputs, blocks } = await kernelBlocks(ctx, layer, params);
        if (inputs !== undefined) await emitMatMulNBits(ctx, layer, inputs, params);
        else await emitDequantizeLinear(ctx, layer, blocks as Int4Blocks);
      } else {
        const blocks = await gptqBlocks(ctx, layer, params, hessians);
        if (params.format === 'matmulnbits') await emitMatMulNBits(ctx, layer, await writeMatMulNBits(ctx, blocks), params);
        else await emitDequantizeLinear(ctx, layer, blocks);
      }
      floatBytes += 4 * layer.k * layer.n;
      int4Bytes += storedBytes(layer, params.blockSize, params.symmetric);
      parameters += layer.k * layer.n;
      ctx.progress(0.3 + (0.7 * (i + 1)) / layers.length, `quantized ${layer.node.name}`);
    }
    await ctx.model.removeUnused();
    await ctx.model.check();
    return {
      summary: {
        layers: layers.length,
        format: params.format,
        rounding: params.rounding,
        parametersQuantized: parameters,
        weightBytesBefore: floatBytes,
        weightBytesAfter: int4Bytes,
        bitsPerWeight: Number(((8 * int4Bytes) / parameters).toFixed(3)),
      },
      notes: [...notes, ...rowNotes(layers, hessians)],
    };
  },
});
