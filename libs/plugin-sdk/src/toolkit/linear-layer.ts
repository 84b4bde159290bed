import type { NodeView, WeightView } from '../context/model-api';
import type { GraphIndex } from './graph-index';
import { intAttribute, isOnnxOp } from './node-attributes';

/**
 * A layer whose output channels are rows (or columns) of a constant weight: Conv, ConvTranspose,
 * Gemm, or MatMul by a constant 2-D matrix. Folding and channel pruning both need to know which
 * weight axis indexes output and input channels and where the channels sit in the output value.
 */
export interface LinearLayer {
  readonly node: NodeView;
  readonly kind: 'conv' | 'conv-transpose' | 'gemm' | 'matmul';
  readonly weight: WeightView;
  /** The bias input's name ('' when absent); Gemm's C, Conv's B. MatMul has none. */
  readonly biasInput: string;
  /** The bias weight, when the bias input is a weight. */
  readonly bias: WeightView | undefined;
  readonly group: number;
  readonly outChannels: number;
  readonly inChannels: number;
  /** Output rank when known (Conv: the weight's rank; Gemm: 2). */
  readonly outputRank: number | undefined;
  /** Position of the channel axis in the output, counted from the end (-3 for NCHW, -1 for [N, C]). */
  readonly channelAxisFromEnd: number;
  /** Weight axis indexed by output channel (within a group for ConvTranspose) and by input channel (within a group for Conv). */
  readonly weightOutAxis: number;
  readonly weightInAxis: number;
  /** Gemm only: A transposed (the input's channels are then its first axis). */
  readonly transA: boolean;
}

function staticDims(weight: WeightView): boolean {
  return weight.dims.every((dim) => Number.isInteger(dim) && dim > 0);
}

/** Describes `node` as a linear layer when its weight is a constant float tensor; undefined otherwise. */
export function describeLinearLayer(index: GraphIndex, node: NodeView): LinearLayer | undefined {
  if (!isOnnxOp(node, 'Conv', 'ConvTranspose', 'Gemm', 'MatMul')) return undefined;
  const weight = index.weight(node.inputs[1] ?? '');
  if (weight === undefined || weight.dataType !== 'float' || !staticDims(weight)) return undefined;
  const biasInput = node.inputs[2] ?? '';
  const bias = biasInput === '' ? undefined : index.weight(biasInput);
  const dims = weight.dims;
  const base = { node, weight, biasInput, bias, transA: false };
  switch (node.opType) {
    case 'Conv': {
      if (dims.length < 3) return undefined;
      const group = intAttribute(node, 'group', 1);
      return {
        ...base,
        kind: 'conv',
        group,
        outChannels: dims[0],
        inChannels: dims[1] * group,
        outputRank: dims.length,
        channelAxisFromEnd: 1 - dims.length,
        weightOutAxis: 0,
        weightInAxis: 1,
      };
    }
    case 'ConvTranspose': {
      if (dims.length < 3) return undefined;
      const group = intAttribute(node, 'group', 1);
      return {
        ...base,
        kind: 'conv-transpose',
        group,
        outChannels: dims[1] * group,
        inChannels: dims[0],
        outputRank: dims.length,
        channelAxisFromEnd: 1 - dims.length,
        weightOutAxis: 1,
        weightInAxis: 0,
      };
    }
    case 'Gemm': {
      if (dims.length !== 2) return undefined;
      const transB = intAttribute(node, 'transB', 0) !== 0;
      return {
        ...base,
        kind: 'gemm',
        group: 1,
        outChannels: transB ? dims[0] : dims[1],
        inChannels: transB ? dims[1] : dims[0],
        outputRank: 2,
        channelAxisFromEnd: -1,
        weightOutAxis: transB ? 0 : 1,
        weightInAxis: transB ? 1 : 0,
        transA: intAttribute(node, 'transA', 0) !== 0,
      };
    }
    default: {
      if (dims.length !== 2) return undefined;
      const inputRank = index.shape(node.inputs[0])?.length;
      if (inputRank !== undefined && inputRank < 2) return undefined;
      return {
        ...base,
        biasInput: '',
        bias: undefined,
        kind: 'matmul',
        group: 1,
        outChannels: dims[1],
        inChannels: dims[0],
        outputRank: inputRank,
        channelAxisFromEnd: -1,
        weightOutAxis: 1,
        weightInAxis: 0,
      };
    }
  }
}

