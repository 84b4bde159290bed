import type { StageContext, TensorHandle } from '@edgepress/plugin-sdk';
import { blockCount, toDequantizeLinear, type Int4Blocks } from './int4-blocks';
import type { Int4Layer } from './select-matmuls';

/** MatMulNBits inputs already on the host (from the kernel, or written from the sandbox). */
export interface MatMulNBitsInputs {
  /** uint8 [N, blocks, blockSize / 2]. */
  readonly packed: TensorHandle;
  /** float [N * blocks]. */
  readonly scales: TensorHandle;
  /** uint8 [N * ceil(blocks / 2)], absent when symmetric. */
  readonly zeroPoints?: TensorHandle;
}

async function addWeight(ctx: StageContext, prefix: string, tensor: TensorHandle): Promise<string> {
  const name = await ctx.model.uniqueName(prefix);
  await ctx.model.setWeight(name, tensor);
  return name;
}

/**
 * Replaces MatMul(A, W) by com.microsoft MatMulNBits(A, B, scales[, zero_points]) with
 * K, N, bits = 4, block_size and accuracy_level (ONNX Runtime 1.30's contract: B uint8
 * [N, ceil(K / block_size), block_size / 2], scales [N * blocks], packed uint4 zero points
 * [N * ceil(blocks / 2)]; its docs show scales as [N, blocks] and zero points as
 * [N, ceil(blocks / 2)], and 1.30 loads both forms with identical outputs (checked on the PP-OCRv4
 * recognizer); A may have any leading dims). The node keeps its output name.
 */
export async function emitMatMulNBits(
  ctx: StageContext,
  layer: Int4Layer,
  inputs: MatMulNBitsInputs,
  options: { blockSize: number; accuracyLevel: number },
): Promise<void> {
  const base = layer.weight.name;
  const packed = await addWeight(ctx, `${base}_int4`, inputs.packed);
  const scales = await addWeight(ctx, `${base}_int4_scales`, inputs.scales);
  const zeroPoints = inputs.zeroPoints === undefined ? undefined : await addWeight(ctx, `${base}_int4_zero_points`, inputs.zeroPoints);
  await ctx.tensors.release([inputs.packed, inputs.scales, ...(inputs.zeroPoints === undefined ? [] : [inputs.zeroPoints])]);
  const { node } = layer;
  await ctx.model.removeNodes([node.name]);
  await ctx.model.addNode({
    opType: 'MatMulNBits',
    domain: 'com.microsoft',
    name: `${node.name}_int4`,
    inputs: [node.inputs[0] as string, packed, scales, ...(zeroPoints === undefined ? [] : [zeroPoints])],
    outputs: [...node.outputs],
    attributes: { K: layer.k, N: layer.n, bits: 4, block_size: options.blockSize, accuracy_level: options.accuracyLevel },
  });
}

/**
 * Feeds the MatMul a block-wise opset-21 DequantizeLinear (axis 0, block_size) of the 4-bit
 * weight: int4 values with no zero point when symmetric, uint4 values and zero points otherwise;
 * scales [ceil(K / block_size), N]. The model must already be at opset 21.
 */
export async function emitDequantizeLinear(ctx: StageContext, layer: Int4Layer, blocks: Int4Blocks): Promise<void> {
  const form = toDequantizeLinear(blocks);
  const count = blockCount(blocks.k, blocks.blockSize);
  const base = layer.weight.name;
  const written: TensorHandle[] = [];
  const write = async (prefix: string, data: Parameters<StageContext['tensors']['write']>[0]) => {
    const handle = await ctx.tensors.write(data);
    written.push(handle);
    return addWeight(ctx, prefix, handle);
  };
  const values = await write(`${base}_int4`, { dataType: form.dataType, dims: [blocks.k, blocks.n], values: form.values });
  const scales = await write(`${base}_int4_scales`, { dataType: 'float', dims: [count, blocks.n], values: form.scales });
  const zeroPoints =
    form.zeroPoints === undefined ? undefined : await write(`${base}_int4_zero_points`, { dataType: 'uint4', dims: [count, blocks.n], values: form.zeroPoints });
  const dequantized = await ctx.model.uniqueName(`${base}_dequantized`);
  await ctx.model.addNode({
    opType: 'DequantizeLinear',
    name: `${layer.node.name}_dequantize_int4`,
    inputs: [values, scales, ...(zeroPoints === undefined ? [] : [zeroPoints])],
    outputs: [dequantized],
    attributes: { axis: 0, block_size: blocks.blockSize },
    before: layer.node.name,
  });
  await ctx.model.setNodeInputs(layer.node.name, [layer.node.inputs[0] as string, dequantized]);
  await ctx.tensors.release(written);
}
