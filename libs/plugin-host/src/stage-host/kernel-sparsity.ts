/**
 * `ctx.kernels` pruning, packing and clustering methods on the host. The selections (global
 * magnitude threshold, N:M masks, norms, CSR, k-means, Huffman) run in the KernelService; applying
 * a known threshold is one elementwise pass done here.
 *
 * The SDK's threshold contract: magnitudeThreshold returns t such that zeroing every |x| <= t
 * (magnitudePrune) removes floor(sparsity * n) elements, plus any others whose magnitude equals t
 * exactly. The kernel reports the (k+1)-th smallest magnitude and how many ties it prunes; when it
 * prunes no tie, t is the largest magnitude below that one, found in one pass. With nothing to
 * prune t is 0 (only zeros, which stay zero). Tests: kernel-methods.test.ts.
 */
import { expectInteger, expectNumber, expectOneOf, expectOptions, invalidArgument, describeValue } from './arguments';
import { callOptions, floatInput, normalizeAxis, output, typedInput, type KernelContext } from './kernel-inputs';
import { DataType } from '@edgepress/onnx';

const MAX_PRUNE_INPUTS = 65_536;

export async function magnitudeThreshold(context: KernelContext, inputs: unknown, sparsity: unknown): Promise<number> {
  if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > MAX_PRUNE_INPUTS) {
    throw invalidArgument(`Expected a non-empty array of at most ${MAX_PRUNE_INPUTS} tensor handles for magnitudeThreshold(inputs) but received ${describeValue(inputs)}`);
  }
  const fraction = expectNumber(sparsity, 'magnitudeThreshold(sparsity)', 0, 1);
  const tensors = inputs.map((handle, i) => {
    const x = floatInput(context, handle, `magnitudeThreshold(inputs[${i}])`);
    return { data: x.data, shape: x.shape };
  });
  const found = await context.kernels.magnitudeThreshold(tensors, fraction, callOptions(context));
  if (found.pruneCount === 0) return 0;
  if (found.tiesToPrune > 0) return found.threshold;
  let largestBelow = 0;
  for (const { data } of tensors) {
    for (let i = 0; i < data.length; i++) {
      const magnitude = Math.abs(data[i]);
      if (magnitude < found.threshold && magnitude > largestBelow) largestBelow = magnitude;
    }
  }
  return largestBelow;
}

export async function magnitudePrune(context: KernelContext, input: unknown, threshold: unknown) {
  const x = floatInput(context, input, 'magnitudePrune(input)');
  if (typeof threshold !== 'number' || Number.isNaN(threshold)) throw invalidArgument(`Expected a number for magnitudePrune(threshold) but received ${describeValue(threshold)}`);
  const pruned = new Float32Array(x.data.length);
  for (let i = 0; i < pruned.length; i++) {
    const value = x.data[i];
    pruned[i] = Math.abs(value) <= threshold ? 0 : value;
  }
  return output(context, x.dataType, x.shape, pruned);
}

export async function nmPrune(context: KernelContext, input: unknown, options: unknown) {
  const x = floatInput(context, input, 'nmPrune(input)');
  const checked = expectOptions(options, 'nmPrune(options)', ['n', 'm', 'axis'], true);
  const m = expectInteger(checked.m, 'options.m', 2, 16);
  const n = expectInteger(checked.n, 'options.n', 1, m - 1);
  const axis = normalizeAxis(checked.axis, x.shape.length, 'options.axis');
  const masked = await context.kernels.nmMask({ data: x.data, shape: x.shape }, { n, m, axis }, callOptions(context));
  return output(context, x.dataType, x.shape, masked.pruned.data);
}

export async function channelImportance(context: KernelContext, input: unknown, options: unknown): Promise<Float32Array> {
  const x = floatInput(context, input, 'channelImportance(input)');
  const checked = expectOptions(options, 'channelImportance(options)', ['axis', 'norm'], true);
  const axis = normalizeAxis(checked.axis, x.shape.length, 'options.axis');
  const norm = expectOneOf(checked.norm, 'options.norm', ['l1', 'l2'] as const);
  const scores = await context.kernels.channelImportance({ data: x.data, shape: x.shape }, { axis, norm, ...callOptions(context) });
  return Float32Array.from(scores);
}

/** Packs the non-zeros of a matrix; a tensor of higher rank is read as [dims[0], rest] (a Conv weight by output channel). */
export async function csrPack(context: KernelContext, input: unknown) {
  const x = floatInput(context, input, 'csrPack(input)');
  if (x.shape.length === 0) throw invalidArgument('Expected a tensor of rank 1 or more for csrPack(input) but received a scalar');
  const rows = x.shape.length === 1 ? 1 : x.shape[0];
  const cols = rows === 0 ? 0 : x.data.length / rows;
  const csr = await context.kernels.packCsr({ data: x.data, shape: [rows, cols] }, callOptions(context));
  return {
    indptr: output(context, 'int32', [csr.indptr.length], csr.indptr),
    indices: output(context, 'int32', [csr.indices.length], csr.indices),
    values: output(context, x.dataType, [csr.values.length], csr.values),
    rows,
    cols,
  };
}

export async function kmeans(context: KernelContext, input: unknown, options: unknown) {
  const x = floatInput(context, input, 'kmeans(input)');
  const checked = expectOptions(options, 'kmeans(options)', ['k', 'seed', 'maxIterations'], true);
  const k = expectInteger(checked.k, 'options.k', 1, 256);
  const seed = checked.seed === undefined ? 0 : expectInteger(checked.seed, 'options.seed', 0, Number.MAX_SAFE_INTEGER);
  const maxIterations = checked.maxIterations === undefined ? 1000 : expectInteger(checked.maxIterations, 'options.maxIterations', 1, 100_000);
  const result = await context.kernels.kmeansCluster({ data: x.data, shape: x.shape }, k, { seed, maxIterations, ...callOptions(context) });
  return {
    codebook: output(context, 'float', [result.codebook.length], result.codebook),
    indices: output(context, 'uint8', x.shape, result.indices.data),
    meanSquaredError: result.mse,
  };
}

export async function huffmanCodeLengths(context: KernelContext, indices: unknown) {
  const stream = typedInput(context, indices, 'huffmanCodeLengths(indices)', DataType.UINT8);
  const code = await context.kernels.huffmanCode(stream.data as Uint8Array, callOptions(context));
  return { lengths: Uint8Array.from(code.lengths), totalBits: code.totalBits };
}
