/**
 * Sparse x dense matrix products (native code: src/native/spmm.cc, spmm_kernel.cc).
 *
 * - csrMatmul(a, b):       Y[M,N] = A[M,K] x B[K,N] with A in CSR.
 * - matmulDenseCsc(x, w):  Y[M,N] = X[M,K] x W[K,N] with W in CSC: a MatMul/Gemm layer whose
 *   weight is sparse, for batches of 1..1024 activation rows. CSC (one list of nonzero k per
 *   output column n) is the fastest layout for this case: the kernel packs 64 activation rows
 *   side by side and adds w[k,n] * X[0..64, k] per nonzero into registers, with no gathers or
 *   scatters (see spmm.cc). Use packCsc for the weight, and prepareSparseMatrix when the same
 *   weight serves many calls: it validates once, and gives matrices with 7.5 % or more nonzeros
 *   column blocks that the kernel walks from L1 (twice as fast at 50 % sparsity, 10 % at 90 %).
 *
 * Both split the work by rows of the sparse operand, so any thread count gives identical results.
 * The kernel (AVX-512, AVX2 or portable) is chosen at run time; `kernel` forces one (tests,
 * benchmarks), and sparseKernels() lists what this CPU runs.
 *
 * Trust boundary (kernel calls): dense shapes and dtypes, inner dimensions, the full CSR/CSC
 * structure (csr.ts), output size caps, the kernel and the thread count are checked here.
 * Tests: spmm.test.ts.
 */
import { callNativeAfterTurn, native } from './binding';
import { cancelFlagFor } from './cancellation';
import { sparseOperand, type CscMatrix, type CsrMatrix, type PreparedSparseMatrix } from './csr';
import type { KernelCallOptions, Tensor } from './tensor';
import { expectMaxElements, expectOneOf, expectTensor, expectThreads, expectTypedArray, invalidArgument, resourceExhausted } from './validate';

export type SparseKernelName = 'auto' | 'portable' | 'avx2' | 'avx512';

const KERNEL_IDS: Record<SparseKernelName, 0 | 1 | 2 | 3> = { auto: 0, portable: 1, avx2: 2, avx512: 3 };

let detected: { available: SparseKernelName[]; auto: Exclude<SparseKernelName, 'auto'> } | undefined;

/** The sparse product kernels this CPU can run, and the one `auto` picks. */
export function sparseKernels(): { available: SparseKernelName[]; auto: Exclude<SparseKernelName, 'auto'> } {
  if (detected === undefined) {
    const k = native.sparseKernels();
    const available: SparseKernelName[] = ['auto', 'portable'];
    if (k.avx2) available.push('avx2');
    if (k.avx512) available.push('avx512');
    detected = { available, auto: k.auto };
  }
  return { available: [...detected.available], auto: detected.auto };
}

export interface SpmmOptions extends KernelCallOptions {
  /** Force a kernel family (default "auto": AVX-512, else AVX2, else portable). */
  kernel?: SparseKernelName;
  /**
   * Write the result here (M * N floats, not overlapping any input). Without it the result is a
   * new array whose memory comes from a native pool (src/native/output_buffers.h), which avoids
   * the zeroing, mmap and page faults of a fresh JS array; with it nothing is allocated.
   */
  out?: Float32Array;
}

function expectKernel(value: unknown): 0 | 1 | 2 | 3 {
  return KERNEL_IDS[expectOneOf('kernel', value ?? 'auto', sparseKernels().available)];
}

function expectMatrix(name: string, value: unknown, maxElements: number): { data: Float32Array; rows: number; cols: number } {
  const t = expectTensor(name, value, [Float32Array], maxElements);
  if (t.shape.length !== 2) throw invalidArgument(`Expected a 2-D tensor for ${name} but received shape [${t.shape.join(', ')}]`, `${name}.shape`);
  return { data: t.data, rows: t.shape[0] as number, cols: t.shape[1] as number };
}

function overlaps(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

/** options.out checked (length, no overlap with the inputs); undefined lets native code provide the output. */
function outputArray(out: unknown, length: number, inputs: readonly ArrayBufferView[]): Float32Array | undefined {
  if (out === undefined) return undefined;
  const y = expectTypedArray('out', out, Float32Array, length);
  if (inputs.some((input) => overlaps(y, input))) throw invalidArgument('Expected out not to share memory with an input', 'out');
  return y;
}

function expectInner(what: string, left: number, right: number, name: string): void {
  if (left !== right) throw invalidArgument(`Expected ${what} to match: ${left} vs ${right}`, name);
}

/** Y = A x B, with A sparse in CSR [M,K] and B dense [K,N]. */
export async function csrMatmul(a: CsrMatrix | PreparedSparseMatrix<'csr'>, b: Tensor<Float32Array>, options: SpmmOptions = {}): Promise<Tensor<Float32Array>> {
  const maxElements = expectMaxElements(options.maxElements);
  const sparse = sparseOperand('a', a, 'csr', maxElements);
  const dense = expectMatrix('b', b, maxElements);
  const [m, k] = sparse.shape;
  expectInner('a.shape[1] and b.shape[0]', k, dense.rows, 'b.shape');
  const n = dense.cols;
  if (m * n > maxElements) throw resourceExhausted('output', m * n, maxElements);
  const kernel = expectKernel(options.kernel);
  const threads = expectThreads(options.threads);
  const cancel = cancelFlagFor(options.signal);
  const out = outputArray(options.out, m * n, [dense.data, sparse.indptr, sparse.indices, sparse.values]);
  const y = await callNativeAfterTurn('csrMatmul', () => native.csrMatmul(sparse.indptr, sparse.indices, sparse.values, m, k, dense.data, n, out, kernel, threads, cancel, sparse.columnBlocks?.starts, sparse.columnBlocks?.blocks ?? 0),
  );
  return { data: y, shape: [m, n] };
}

/** Y = X x W, with X dense [M,K] (activations) and W sparse in CSC [K,N] (a layer's weight). */
export async function matmulDenseCsc(x: Tensor<Float32Array>, w: CscMatrix | PreparedSparseMatrix<'csc'>, options: SpmmOptions = {}): Promise<Tensor<Float32Array>> {
  const maxElements = expectMaxElements(options.maxElements);
  const dense = expectMatrix('x', x, maxElements);
  const sparse = sparseOperand('w', w, 'csc', maxElements);
  const [k, n] = sparse.shape;
  expectInner('x.shape[1] and w.shape[0]', dense.cols, k, 'w.shape');
  const m = dense.rows;
  if (m * n > maxElements) throw resourceExhausted('output', m * n, maxElements);
  const kernel = expectKernel(options.kernel);
  const threads = expectThreads(options.threads);
  const cancel = cancelFlagFor(options.signal);
  const out = outputArray(options.out, m * n, [dense.data, sparse.indptr, sparse.indices, sparse.values]);
  const y = await callNativeAfterTurn('matmulDenseCsc', () =>
    native.matmulDenseCsc(dense.data, m, k, sparse.indptr, sparse.indices, sparse.values, n, out, kernel, threads, cancel, sparse.columnBlocks?.starts, sparse.columnBlocks?.blocks ?? 0),
  );
  return { data: y, shape: [m, n] };
}
