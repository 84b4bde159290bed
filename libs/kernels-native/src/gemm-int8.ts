/**
 * Int8 matrix products with ONNX semantics, exact in int32:
 *   matmulInteger          MatMulInteger:  Y[m,n] = sum_k (A - a_zp)(B - b_zp[n])        (int32)
 *   matmulIntegerToFloat   com.microsoft MatMulIntegerToFloat: a_scale b_scale[n] Y + bias (fp32)
 *   qlinearMatmul          QLinearMatMul:  saturate(round(a_scale b_scale[n] / y_scale Y) + y_zp)
 *   dynamicQuantizeMatmul  com.microsoft DynamicQuantizeMatMul: fp32 A quantized to uint8 on the
 *                          fly (per-tensor range including 0, ONNX Runtime's arithmetic), then the
 *                          fp32 output above.
 * A is [..., M, K] (leading dimensions are batch rows; a vector [K] gives [N]) of uint8 or int8;
 * B is [K, N] int8, plain or packed (packInt8Weights). B zero points are per tensor or per column.
 * The kernel (AMX, AVX-512 VNNI, AVX2 or portable) is chosen at run time; `kernel` forces one (tests, benchmarks).
 * Like MatMulInteger, sums wrap in int32; they are exact while |sum| < 2^31, which holds for
 * K <= 33025 whatever the values.
 *
 * Trust boundary (kernel calls): dtypes, shapes (K must agree), zero points within their types,
 * scales finite and > 0, bias finite with N entries, thread count, kernel availability and the
 * element caps (RESOURCE_EXHAUSTED) are all checked here before native code runs.
 * Tests: gemm-int8.test.ts (against ONNX Runtime), gemm-int8.errors.test.ts.
 */
import { callNativeAfterTurn, native, type NativeInt8Operands } from './binding';
import { cancelFlagFor } from './cancellation';
import { expectInt8Kernel, resolveInt8Weights, type Int8KernelName, type Int8Weights } from './gemm-int8-weights';
import type { KernelCallOptions, Tensor } from './tensor';
import {
  expectFiniteNumber,
  expectInteger,
  expectMaxElements,
  expectOneOf,
  expectScales,
  expectTensor,
  expectThreads,
  expectTypedArray,
  expectZeroPoints,
  invalidArgument,
  isTypedArrayOf,
  resourceExhausted,
} from './validate';

export interface Int8GemmOptions extends KernelCallOptions {
  /** Force a kernel (default "auto": AMX, else AVX-512 VNNI, else AVX2, else portable). */
  kernel?: Int8KernelName;
}

export interface MatMulIntegerOptions extends Int8GemmOptions {
  /** A's zero point, within A's type (default 0). */
  aZeroPoint?: number;
  /** B's zero point: one int8 value, or one per column (default 0). */
  bZeroPoint?: number | Int32Array;
}

export interface MatMulIntegerToFloatOptions extends MatMulIntegerOptions {
  aScale: number;
  /** One scale, or one per column. */
  bScale: number | Float32Array;
  /** Added per column, length N. */
  bias?: Float32Array;
}

export interface QLinearMatMulOptions extends MatMulIntegerOptions {
  aScale: number;
  bScale: number | Float32Array;
  yScale: number;
  yZeroPoint?: number;
  yType: 'uint8' | 'int8';
}

export interface DynamicQuantizeMatMulOptions extends Int8GemmOptions {
  bScale: number | Float32Array;
  bZeroPoint?: number | Int32Array;
  bias?: Float32Array;
}

export interface DynamicQuantizeMatMulResult extends Tensor<Float32Array> {
  /** The per-tensor uint8 parameters A was quantized with. */
  readonly aScale: number;
  readonly aZeroPoint: number;
}

interface Prepared {
  operands: NativeInt8Operands;
  outShape: number[];
}

async function prepare<T extends Uint8Array | Int8Array | Float32Array>(
  a: Tensor<T>,
  aTypes: readonly (Uint8ArrayConstructor | Int8ArrayConstructor | Float32ArrayConstructor)[],
  b: Int8Weights,
  options: Int8GemmOptions & { bZeroPoint?: number | Int32Array },
): Promise<Prepared & { a: T }> {
  if (typeof options !== 'object' || options === null) throw invalidArgument('Expected an options object for options', 'options');
  const maxElements = expectMaxElements(options.maxElements);
  const input = expectTensor('a', a, aTypes, maxElements);
  const threads = expectThreads(options.threads);
  const kernel = expectInt8Kernel(options.kernel);
  const k = input.shape[input.shape.length - 1] as number;
  const m = input.data.length / k;
  const packed = await resolveInt8Weights(b, { threads, maxElements }, maxElements);
  if (packed.k !== k) throw invalidArgument(`Expected b to have ${k} rows (the last dimension of a) but it has ${packed.k}`, 'b');
  const n = packed.n;
  if (m * n > maxElements) throw resourceExhausted('y', m * n, maxElements);
  const outShape = input.shape.length === 1 ? [n] : [...input.shape.slice(0, -1), n];
  const bZeroPoint = perColumnZeroPoints(options.bZeroPoint, n);
  const cancel = cancelFlagFor(options.signal);
  return { a: input.data as T, outShape, operands: { m, k, n, packed: packed.data, bZeroPoint, kernel, threads, cancel } };
}

/** Int32Array of n zero points, or undefined when all are 0 (the kernel then skips row sums). */
function perColumnZeroPoints(value: number | Int32Array | undefined, n: number): Int32Array | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') {
    const z = expectInteger('bZeroPoint', value, -128, 127);
    return z === 0 ? undefined : new Int32Array(n).fill(z);
  }
  expectTypedArray('bZeroPoint', value, Int32Array, n);
  expectZeroPoints('bZeroPoint', value, -128, 127);
  return value.some((z) => z !== 0) ? value : undefined;
}

function perColumnScales(name: string, value: number | Float32Array, n: number): Float32Array {
  if (typeof value === 'number') return new Float32Array(n).fill(expectScale(name, value));
  if (!isTypedArrayOf(value, Float32Array) || (value.length !== 1 && value.length !== n)) {
    throw invalidArgument(`Expected a number or a Float32Array of 1 or ${n} values for ${name}`, name);
  }
  expectScales(name, value);
  return value.length === n ? value : new Float32Array(n).fill(value[0] as number);
}

/**
 * Per-column float32 multipliers `of(bScale[j])`, one value repeated when bScale is a number.
 * A loop, not Float32Array.map: at N = 4096 the map's callback took 39 us a call, a fifth of
 * a 1 x 4096 x 4096 QLinearMatMul; the loop takes 6.
 */
function columnMultipliers(bScale: number | Float32Array, n: number, of: (scale: number) => number): Float32Array {
  if (typeof bScale === 'number') return new Float32Array(n).fill(of(expectScale('bScale', bScale)));
  const scales = perColumnScales('bScale', bScale, n);
  const out = new Float32Array(n);
  for (let j = 0; j < n; j++) out[j] = of(scales[j] as number);
  return out;
}

function expectScale(name: string, value: unknown): number {
  const s = expectFiniteNumber(name, value);
  if (!(Math.fround(s) > 0) || !Number.isFinite(Math.fround(s))) {
    throw invalidArgument(`Expected a finite positive float32 scale for ${name} but received ${s}`, name);
  }
  return s;
}

function expectBias(value: Float32Array | undefined, n: number): Float32Array | undefined {
  if (value === undefined) return undefined;
  expectTypedArray('bias', value, Float32Array, n);
  for (let i = 0; i < n; i++) {
    const v = value[i] as number;
    if (!Number.isFinite(v)) throw invalidArgument(`Expected a finite number for bias[${i}] but received ${v}`, `bias[${i}]`);
  }
  return value;
}

function aZeroPointFor(a: Uint8Array | Int8Array, value: number | undefined): number {
  if (value === undefined) return 0;
  return isTypedArrayOf(a, Int8Array) ? expectInteger('aZeroPoint', value, -128, 127) : expectInteger('aZeroPoint', value, 0, 255);
}

export async function matmulInteger(a: Tensor<Uint8Array | Int8Array>, b: Int8Weights, options: MatMulIntegerOptions = {}): Promise<Tensor<Int32Array>> {
  const { a: data, operands, outShape } = await prepare(a, [Uint8Array, Int8Array], b, options);
  const aZeroPoint = aZeroPointFor(data, options.aZeroPoint);
  const y = await callNativeAfterTurn('matmulInteger', () =>
    native.gemmInt8({ ...operands, a: data, aZeroPoint, output: 0, multiplier: undefined, bias: undefined, yZeroPoint: 0, qmin: 0, qmax: 0 }),
  );
  return { data: y as Int32Array, shape: outShape };
}

export async function matmulIntegerToFloat(
  a: Tensor<Uint8Array | Int8Array>,
  b: Int8Weights,
  options: MatMulIntegerToFloatOptions,
): Promise<Tensor<Float32Array>> {
  const { a: data, operands, outShape } = await prepare(a, [Uint8Array, Int8Array], b, options);
  const aZeroPoint = aZeroPointFor(data, options.aZeroPoint);
  const aScale = expectScale('aScale', options.aScale);
  const bias = expectBias(options.bias, operands.n);
  // float32 products, as ONNX Runtime forms the per-column multipliers.
  const multiplier = columnMultipliers(options.bScale, operands.n, (s) => Math.fround(aScale * s));
  const y = await callNativeAfterTurn('matmulIntegerToFloat', () =>
    native.gemmInt8({ ...operands, a: data, aZeroPoint, output: 1, multiplier, bias, yZeroPoint: 0, qmin: 0, qmax: 0 }),
  );
  return { data: y as Float32Array, shape: outShape };
}

export async function qlinearMatmul(
  a: Tensor<Uint8Array | Int8Array>,
  b: Int8Weights,
  options: QLinearMatMulOptions,
): Promise<Tensor<Uint8Array | Int8Array>> {
  const { a: data, operands, outShape } = await prepare(a, [Uint8Array, Int8Array], b, options);
  const aZeroPoint = aZeroPointFor(data, options.aZeroPoint);
  const aScale = expectScale('aScale', options.aScale);
  const yScale = expectScale('yScale', options.yScale);
  const yType = expectOneOf('yType', options.yType, ['uint8', 'int8'] as const);
  const [qmin, qmax] = yType === 'uint8' ? [0, 255] : [-128, 127];
  const yZeroPoint = options.yZeroPoint === undefined ? 0 : expectInteger('yZeroPoint', options.yZeroPoint, qmin, qmax);
  const multiplier = columnMultipliers(options.bScale, operands.n, (s) => Math.fround(Math.fround(aScale * s) / yScale));
  const y = await callNativeAfterTurn('qlinearMatmul', () =>
    native.gemmInt8({ ...operands, a: data, aZeroPoint, output: 2, multiplier, bias: undefined, yZeroPoint, qmin, qmax }),
  );
  return { data: y as Uint8Array | Int8Array, shape: outShape };
}

export async function dynamicQuantizeMatmul(
  a: Tensor<Float32Array>,
  b: Int8Weights,
  options: DynamicQuantizeMatMulOptions,
): Promise<DynamicQuantizeMatMulResult> {
  const { a: data, operands, outShape } = await prepare(a, [Float32Array], b, options);
  const bScale = perColumnScales('bScale', options.bScale, operands.n);
  const bias = expectBias(options.bias, operands.n);
  const result = await callNativeAfterTurn('dynamicQuantizeMatmul', () => native.gemmInt8Dynamic({ ...operands, a: data, bScale, bias }));
  return { data: result.y, shape: outShape, aScale: result.aScale, aZeroPoint: result.aZeroPoint };
}
