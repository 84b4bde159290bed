/** Conversions shared by the int8 GEMM operators: weights, per-column scales and zero points. */
import type { Int8KernelName, Int8Weights, MatMulIntegerOptions, PackedInt8Weights, Tensor } from '@edgepress/kernels-native';
import type { ColumnScale, ColumnScale__Output } from '../gen/edgepress/kernels/v1/ColumnScale';
import type { ColumnZeroPoint, ColumnZeroPoint__Output } from '../gen/edgepress/kernels/v1/ColumnZeroPoint';
import type { Int8Operands, Int8Operands__Output } from '../gen/edgepress/kernels/v1/Int8Operands';
import type { Int8Weights as Int8WeightsMessage, Int8Weights__Output } from '../gen/edgepress/kernels/v1/Int8Weights';
import type { PackedInt8Weights as PackedMessage, PackedInt8Weights__Output } from '../gen/edgepress/kernels/v1/PackedInt8Weights';
import type { TensorAssembler } from '../wire/tensor-assembler';
import type { TensorWriter } from '../wire/tensor-writer';
import { enumArg, enumName, forValidation, integer, objectArg, optionalInteger, present } from './operator-codec';

/** kernels-native's packed weights kind; the type check keeps it equal to theirs. */
const PACKED_KIND: PackedInt8Weights['kind'] = 'edgepress.packed-int8-weights/v1';

const KERNELS = {
  auto: 'INT8_KERNEL_AUTO',
  portable: 'INT8_KERNEL_PORTABLE',
  avx2: 'INT8_KERNEL_AVX2',
  amx: 'INT8_KERNEL_AMX',
  'avx512-vnni': 'INT8_KERNEL_AVX512_VNNI',
} as const satisfies Record<Int8KernelName, string>;

export function encodeKernel(kernel: Int8KernelName | undefined): (typeof KERNELS)[Int8KernelName] {
  return enumArg('kernel', kernel, 'auto', KERNELS);
}

export function decodeKernel(value: unknown): Int8KernelName {
  return enumName(value, KERNELS);
}

function isPacked(value: Int8Weights): value is PackedInt8Weights {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === PACKED_KIND;
}

export function encodePacked(w: TensorWriter, name: string, packed: PackedInt8Weights): PackedMessage {
  return {
    k: integer(`${name}.k`, packed.k, 1, 2 ** 32 - 1),
    n: integer(`${name}.n`, packed.n, 1, 2 ** 32 - 1),
    data: w.array(`${name}.data`, packed.data),
  };
}

export function decodePacked(r: TensorAssembler, message: PackedInt8Weights__Output): PackedInt8Weights {
  return forValidation<PackedInt8Weights>({ kind: PACKED_KIND, k: message.k, n: message.n, data: r.array(message.data) });
}

export function decodePackedResult(r: TensorAssembler, message: PackedInt8Weights__Output | null): PackedInt8Weights {
  const m = present(message, 'weights');
  return { kind: PACKED_KIND, k: m.k, n: m.n, data: present(r.array(m.data), 'weights.data') as Uint8Array };
}

export function encodeWeights(w: TensorWriter, name: string, weights: Int8Weights): Int8WeightsMessage {
  objectArg(name, weights);
  return isPacked(weights) ? { packed: encodePacked(w, name, weights) } : { dense: w.tensor(name, weights as Tensor<Int8Array>) };
}

export function decodeWeights(r: TensorAssembler, message: Int8Weights__Output | null): Int8Weights {
  if (message?.form === 'packed' && message.packed) return decodePacked(r, message.packed);
  return forValidation<Int8Weights>(r.tensor(message?.dense));
}

export function encodeColumnScale(w: TensorWriter, name: string, value: number | Float32Array | undefined): ColumnScale | null {
  if (value === undefined) return null;
  return typeof value === 'number' ? { scalar: value } : { perColumn: w.array(name, value) };
}

export function decodeColumnScale(r: TensorAssembler, message: ColumnScale__Output | null): number | Float32Array {
  if (message?.value === 'scalar') return forValidation<number>(message.scalar);
  return forValidation<Float32Array>(r.array(message?.perColumn));
}

export function encodeColumnZeroPoint(w: TensorWriter, name: string, value: number | Int32Array | undefined): ColumnZeroPoint | null {
  if (value === undefined) return null;
  return typeof value === 'number' ? { scalar: integer(name, value, -(2 ** 31), 2 ** 31 - 1) } : { perColumn: w.array(name, value) };
}

export function decodeColumnZeroPoint(r: TensorAssembler, message: ColumnZeroPoint__Output | null): number | Int32Array | undefined {
  if (message === null) return undefined;
  if (message.value === 'scalar') return message.scalar;
  return forValidation<Int32Array>(r.array(message.perColumn));
}

/** A, B, kernel and zero points, as every integer product takes them. */
export function encodeOperands(w: TensorWriter, a: Tensor, b: Int8Weights, options: MatMulIntegerOptions | undefined): Int8Operands {
  const o = options ?? {};
  return {
    a: w.tensor('a', a),
    b: encodeWeights(w, 'b', b),
    kernel: encodeKernel(o.kernel),
    aZeroPoint: optionalInteger('aZeroPoint', o.aZeroPoint, -(2 ** 31), 2 ** 31 - 1),
    bZeroPoint: encodeColumnZeroPoint(w, 'bZeroPoint', o.bZeroPoint),
  };
}

export function decodeOperands(r: TensorAssembler, message: Int8Operands__Output | null) {
  return {
    a: forValidation<Tensor<Uint8Array | Int8Array>>(r.tensor(message?.a)),
    b: decodeWeights(r, message?.b ?? null),
    options: {
      kernel: decodeKernel(message?.kernel ?? 'INT8_KERNEL_AUTO'),
      aZeroPoint: message?.aZeroPoint,
      bZeroPoint: decodeColumnZeroPoint(r, message?.bZeroPoint ?? null),
    },
  };
}
