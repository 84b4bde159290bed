import type { NodeProto } from '../gen/onnx_pb';
import { getInt } from '../graph/attributes';
import type { LayerPrecision } from '../model-summary';
import { DataType } from '../tensor/data-types';

/**
 * The arithmetic precision of a layer. Weights reached through DequantizeLinear (possibly via
 * Reshape/Transpose/Cast-like ops) count at their stored precision: a Conv fed by DQ(int8 weight)
 * is an int8 layer, as ONNX Runtime fuses it. Integer-only shape arithmetic is 'other'.
 */
const PASS_THROUGH = new Set(['Cast', 'Reshape', 'Transpose', 'Identity', 'Unsqueeze', 'Squeeze', 'Flatten', 'Expand']);

const WEIGHT_INPUT: Record<string, number> = {
  Conv: 1,
  ConvTranspose: 1,
  ConvInteger: 1,
  QLinearConv: 3,
  Gemm: 1,
  MatMul: 1,
  MatMulInteger: 1,
  QLinearMatMul: 3,
};

export function precisionOfType(elemType: number): LayerPrecision {
  switch (elemType) {
    case DataType.FLOAT:
      return 'fp32';
    case DataType.FLOAT16:
      return 'fp16';
    case DataType.BFLOAT16:
      return 'bf16';
    case DataType.INT8:
    case DataType.UINT8:
      return 'int8';
    case DataType.INT4:
    case DataType.UINT4:
      return 'int4';
    default:
      return 'other';
  }
}

const QUANTIZED: ReadonlySet<LayerPrecision> = new Set(['int8', 'int4']);

export interface PrecisionContext {
  producer(value: string): NodeProto | undefined;
  elemType(value: string): number;
}

/** The element type a value had before dequantization, following pass-through ops back. */
function storedType(value: string, context: PrecisionContext, depth = 0): number {
  const producer = context.producer(value);
  if (producer !== undefined && depth < 16) {
    if (producer.opType === 'DequantizeLinear') return context.elemType(producer.input[0] ?? '');
    if (PASS_THROUGH.has(producer.opType) && (producer.input[0] ?? '') !== '') return storedType(producer.input[0], context, depth + 1);
  }
  return context.elemType(value);
}

export function layerPrecision(node: NodeProto, context: PrecisionContext): LayerPrecision {
  if (node.opType === 'MatMulNBits') {
    const bits = getInt(node, 'bits', 4);
    return bits === 4 ? 'int4' : bits === 8 ? 'int8' : 'other';
  }
  if (node.opType === 'DequantizeLinear') return precisionOfType(context.elemType(node.input[0] ?? ''));
  const weightIndex = WEIGHT_INPUT[node.opType];
  if (weightIndex !== undefined) {
    const weight = precisionOfType(storedType(node.input[weightIndex] ?? '', context));
    const activation = precisionOfType(storedType(node.input[0] ?? '', context));
    if (QUANTIZED.has(weight)) return weight;
    if (QUANTIZED.has(activation)) return activation;
    return weight !== 'other' ? weight : activation;
  }
  const output = node.output[0] ?? '';
  return precisionOfType(output === '' ? 0 : context.elemType(output));
}
