/**
 * Compressed sparse rows (CSR) and columns (CSC) of 2-D fp32 matrices: pack, unpack, and the
 * structural validation every sparse operator runs before native code reads the index arrays.
 * A CSC matrix is stored as the CSR of its transpose: `indptr` has one entry per column plus
 * one, `indices` are row indices. Zero means == 0 (both signed zeros are dropped, so -0
 * unpacks as +0); NaN is a nonzero. Native code: src/native/csr_pack.cc.
 *
 * Trust boundary (kernel calls): native code indexes memory with indptr and indices, so
 * expectSparseMatrix checks everything it relies on: dtypes; indptr of length lines + 1, starting
 * at 0, non-decreasing and ending at nnz; indices in range and strictly increasing within a line;
 * values as long as indices; nnz and the dense size within the caps.
 * Tests: csr.test.ts (round trips, validation errors).
 */
import { callNative, native } from './binding';
import { columnBlocksOf, type ColumnBlocks } from './csr-column-blocks';
import { cancelFlagFor } from './cancellation';
import type { KernelCallOptions, Tensor } from './tensor';
import { expectMaxElements, expectTensor, expectThreads, invalidArgument, isTypedArrayOf, resourceExhausted } from './validate';

export type SparseFormat = 'csr' | 'csc';

export interface SparseMatrix<F extends SparseFormat = SparseFormat> {
  readonly format: F;
  /** [rows, cols] of the dense matrix. */
  readonly shape: readonly [number, number];
  /** Line offsets into indices/values: rows + 1 entries for CSR, cols + 1 for CSC. */
  readonly indptr: Int32Array;
  /** Column indices (CSR) or row indices (CSC), strictly increasing within a line. */
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export type CsrMatrix = SparseMatrix<'csr'>;
export type CscMatrix = SparseMatrix<'csc'>;

const MAX_NNZ = 2 ** 31 - 1;

/** Lines (rows for CSR, columns for CSC) and the length of each line. */
function lineGeometry(format: SparseFormat, shape: readonly [number, number]): { lines: number; length: number } {
  return format === 'csr' ? { lines: shape[0], length: shape[1] } : { lines: shape[1], length: shape[0] };
}

function expectDim(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_NNZ) {
    throw invalidArgument(`Expected an integer between 1 and ${MAX_NNZ} for ${name} but received ${String(value)}`, name);
  }
  return value;
}

/** Checks the structure of a sparse matrix completely (O(nnz)); returns it with a normalised shape. */
export function expectSparseMatrix<F extends SparseFormat>(name: string, value: unknown, format: F, maxElements: number): SparseMatrix<F> {
  if (typeof value !== 'object' || value === null) {
    throw invalidArgument(`Expected a ${format.toUpperCase()} matrix { format, shape, indptr, indices, values } for ${name}`, name);
  }
  const m = value as Record<string, unknown>;
  if (m.format !== format) {
    throw invalidArgument(`Expected ${name}.format to be "${format}" but received ${JSON.stringify(m.format)}`, `${name}.format`);
  }
  if (!Array.isArray(m.shape) || m.shape.length !== 2) {
    throw invalidArgument(`Expected ${name}.shape to be [rows, cols]`, `${name}.shape`);
  }
  const shape: [number, number] = [expectDim(`${name}.shape[0]`, m.shape[0]), expectDim(`${name}.shape[1]`, m.shape[1])];
  if (shape[0] * shape[1] > maxElements) throw resourceExhausted(name, shape[0] * shape[1], maxElements);
  for (const [field, ctor] of [
    ['indptr', Int32Array],
    ['indices', Int32Array],
    ['values', Float32Array],
  ] as const) {
    if (!isTypedArrayOf(m[field], ctor)) {
      throw invalidArgument(`Expected a ${ctor.name} for ${name}.${field}`, `${name}.${field}`);
    }
  }
  const indptr = m.indptr as Int32Array;
  const indices = m.indices as Int32Array;
  const values = m.values as Float32Array;
  const { lines, length } = lineGeometry(format, shape);
  if (indptr.length !== lines + 1) {
    throw invalidArgument(`Expected ${name}.indptr to hold ${lines + 1} entries but received ${indptr.length}`, `${name}.indptr`);
  }
  if (values.length !== indices.length) {
    throw invalidArgument(`Expected ${name}.values to hold ${indices.length} entries like indices but received ${values.length}`, `${name}.values`);
  }
  if (indptr[0] !== 0) throw invalidArgument(`Expected ${name}.indptr[0] to be 0 but received ${indptr[0]}`, `${name}.indptr`);
  if (indptr[lines] !== indices.length) {
    throw invalidArgument(`Expected ${name}.indptr[${lines}] to equal nnz ${indices.length} but received ${indptr[lines]}`, `${name}.indptr`);
  }
  for (let line = 0; line < lines; line++) {
    const begin = indptr[line] as number;
    const end = indptr[line + 1] as number;
    if (end < begin) {
      throw invalidArgument(`Expected ${name}.indptr to be non-decreasing but indptr[${line + 1}] = ${end} < indptr[${line}] = ${begin}`, `${name}.indptr`);
    }
    let previous = -1;
    for (let j = begin; j < end; j++) {
      const index = indices[j] as number;
      if (index < 0 || index >= length) {
        throw invalidArgument(`Expected ${name}.indices[${j}] between 0 and ${length - 1} but received ${index}`, `${name}.indices`);
      }
      if (index <= previous) {
        throw invalidArgument(`Expected ${name}.indices to increase strictly within line ${line} but indices[${j}] = ${index} follows ${previous}`, `${name}.indices`);
      }
      previous = index;
    }
  }
  return { format, shape, indptr, indices, values };
}

function expectMatrix2d(name: string, value: unknown, maxElements: number): Tensor<Float32Array> & { shape: [number, number] } {
  const t = expectTensor(name, value, [Float32Array], maxElements);
  if (t.shape.length !== 2) throw invalidArgument(`Expected a 2-D tensor for ${name} but received shape [${t.shape.join(', ')}]`, `${name}.shape`);
  if (t.data.length > MAX_NNZ) throw resourceExhausted(name, t.data.length, MAX_NNZ);
  return t as Tensor<Float32Array> & { shape: [number, number] };
}

async function pack<F extends SparseFormat>(format: F, matrix: Tensor<Float32Array>, options: KernelCallOptions): Promise<SparseMatrix<F>> {
  const t = expectMatrix2d('matrix', matrix, expectMaxElements(options.maxElements));
  const threads = expectThreads(options.threads);
  const cancel = cancelFlagFor(options.signal);
  const [rows, cols] = t.shape;
  const packed = await callNative(format === 'csr' ? 'packCsr' : 'packCsc', () =>
    native.packCsr(t.data, rows, cols, format === 'csc', threads, cancel),
  );
  return { format, shape: [rows, cols], ...packed };
}

async function unpack(format: SparseFormat, matrix: SparseMatrix, options: KernelCallOptions): Promise<Tensor<Float32Array>> {
  const m = expectSparseMatrix('matrix', matrix, format, expectMaxElements(options.maxElements));
  const threads = expectThreads(options.threads);
  const cancel = cancelFlagFor(options.signal);
  const [rows, cols] = m.shape;
  const out = new Float32Array(rows * cols);
  await callNative(format === 'csr' ? 'unpackCsr' : 'unpackCsc', () =>
    native.unpackCsr(m.indptr, m.indices, m.values, rows, cols, format === 'csc', out, threads, cancel),
  );
  return { data: out, shape: [rows, cols] };
}

/** Packs the nonzeros of a 2-D matrix row by row. */
export function packCsr(matrix: Tensor<Float32Array>, options: KernelCallOptions = {}): Promise<CsrMatrix> {
  return pack('csr', matrix, options);
}

/** Packs the nonzeros of a 2-D matrix column by column (the layout matmulDenseCsc reads). */
export function packCsc(matrix: Tensor<Float32Array>, options: KernelCallOptions = {}): Promise<CscMatrix> {
  return pack('csc', matrix, options);
}

export function unpackCsr(matrix: CsrMatrix, options: KernelCallOptions = {}): Promise<Tensor<Float32Array>> {
  return unpack('csr', matrix, options);
}

export function unpackCsc(matrix: CscMatrix, options: KernelCallOptions = {}): Promise<Tensor<Float32Array>> {
  return unpack('csc', matrix, options);
}

/**
 * A sparse matrix validated once and copied into private storage, for repeated products with
 * the same sparse weight (as ONNX Runtime pre-packs constant weights): the O(nnz) structural
 * check then runs once, not on every call, and later writes to the caller's arrays cannot reach
 * what native code reads. Matrices dense enough (about 7.5 % of entries or more) also get column
 * blocks, which make their products up to twice as fast (csr-column-blocks.ts). Only objects
 * made by prepareSparseMatrix are accepted as prepared.
 */
export interface PreparedSparseMatrix<F extends SparseFormat = SparseFormat> {
  readonly format: F;
  readonly shape: readonly [number, number];
  readonly nnz: number;
}

/** A prepared matrix's private arrays, and its column blocks when the product kernels use them. */
export interface PreparedArrays<F extends SparseFormat = SparseFormat> extends SparseMatrix<F> {
  readonly columnBlocks?: ColumnBlocks;
}

const preparedStorage = new WeakMap<object, PreparedArrays>();

export function prepareSparseMatrix<F extends SparseFormat>(matrix: SparseMatrix<F>, options: Pick<KernelCallOptions, 'maxElements'> = {}): PreparedSparseMatrix<F> {
  const format = (matrix as { format?: unknown } | null)?.format === 'csc' ? 'csc' : 'csr';
  const m = expectSparseMatrix('matrix', matrix, format, expectMaxElements(options.maxElements));
  const arrays: SparseMatrix = { format, shape: m.shape, indptr: m.indptr.slice(), indices: m.indices.slice(), values: m.values.slice() };
  const columnBlocks = columnBlocksOf(arrays);
  const copy: PreparedArrays = columnBlocks === undefined ? arrays : { ...arrays, columnBlocks };
  const handle = Object.freeze({ format: format as F, shape: Object.freeze([...m.shape]) as unknown as readonly [number, number], nnz: m.indices.length });
  preparedStorage.set(handle, copy);
  return handle;
}

/** The validated arrays of a prepared matrix, or a full check of a plain one. */
export function sparseOperand<F extends SparseFormat>(name: string, value: unknown, format: F, maxElements: number): PreparedArrays<F> {
  const prepared = typeof value === 'object' && value !== null ? preparedStorage.get(value) : undefined;
  if (prepared === undefined) return expectSparseMatrix(name, value, format, maxElements);
  if (prepared.format !== format) {
    throw invalidArgument(`Expected ${name} to be a prepared ${format.toUpperCase()} matrix but it is ${prepared.format.toUpperCase()}`, `${name}.format`);
  }
  const [rows, cols] = prepared.shape;
  if (rows * cols > maxElements) throw resourceExhausted(name, rows * cols, maxElements);
  return prepared as PreparedArrays<F>;
}
