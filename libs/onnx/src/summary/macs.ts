import type { NodeProto } from '../gen/onnx_pb';
import { getInt, getString } from '../graph/attributes';
import { normalizeDomain } from '../graph/describe';
import type { Dim } from '../model-summary';
import { product } from './dims';

/**
 * Multiply-accumulates of the layers that do them. Convolutions: output elements times the
 * weight's per-output-channel size (C/group x kernel); transposed convolutions: input elements
 * times that; matrix products: output elements times the inner dimension; recurrent layers:
 * steps x batch x directions x gates x hidden x (input + hidden). Elementwise work is not counted.
 */
const RECURRENT_GATES: Record<string, number> = { RNN: 1, GRU: 3, LSTM: 4 };

export function isMacOperator(node: NodeProto): boolean {
  const domain = normalizeDomain(node.domain);
  if (domain === 'com.microsoft') return node.opType === 'MatMulNBits' || node.opType === 'QLinearConv';
  if (domain !== '') return false;
  return ['Conv', 'ConvTranspose', 'ConvInteger', 'QLinearConv', 'Gemm', 'MatMul', 'MatMulInteger', 'QLinearMatMul', 'Einsum', 'RNN', 'GRU', 'LSTM'].includes(node.opType);
}

/** MACs of one node; 0 for operators without MACs, null when shapes needed are unknown. */
export function layerMacs(node: NodeProto, shapeOf: (name: string) => Dim[] | null): number | null {
  if (!isMacOperator(node)) return 0;
  const input = (i: number) => ((node.input[i] ?? '') === '' ? null : shapeOf(node.input[i]));
  const output = (node.output[0] ?? '') === '' ? null : shapeOf(node.output[0]);
  switch (node.opType) {
    case 'Conv':
    case 'ConvInteger':
    case 'QLinearConv': {
      const weight = input(node.opType === 'QLinearConv' ? 3 : 1);
      return multiply(product(output), weight === null ? null : product(weight.slice(1)));
    }
    case 'ConvTranspose': {
      const weight = input(1);
      return multiply(product(input(0)), weight === null ? null : product(weight.slice(1)));
    }
    case 'Gemm': {
      const a = input(0);
      const inner = a === null || a.length !== 2 ? null : getInt(node, 'transA', 0) ? a[0] : a[1];
      return multiply(product(output), typeof inner === 'number' ? inner : null);
    }
    case 'MatMul':
    case 'MatMulInteger':
    case 'QLinearMatMul': {
      const a = input(0);
      const inner = a === null || a.length === 0 ? null : a[a.length - 1];
      return multiply(product(output), typeof inner === 'number' ? inner : null);
    }
    case 'MatMulNBits': {
      const a = input(0);
      const k = getInt(node, 'K', 0);
      const n = getInt(node, 'N', 0);
      return a === null || k <= 0 || n <= 0 ? null : multiply(product(a.slice(0, -1)), k * n);
    }
    case 'RNN':
    case 'GRU':
    case 'LSTM': {
      const x = input(0);
      const hidden = getInt(node, 'hidden_size', 0);
      const directions = getString(node, 'direction', 'forward') === 'bidirectional' ? 2 : 1;
      if (x === null || x.length !== 3 || hidden <= 0) return null;
      const [steps, batch, features] = getInt(node, 'layout', 0) === 1 ? [x[1], x[0], x[2]] : x;
      const perStep = product([batch, features]);
      if (perStep === null || typeof steps !== 'number' || typeof features !== 'number') return null;
      return steps * (perStep / features) * directions * RECURRENT_GATES[node.opType] * hidden * (features + hidden);
    }
    default:
      return null;
  }
}

function multiply(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a * b;
}
