import { ErrorCode } from '@edgepress/errors';
import { buildModels, ElemType, session, singleNode, tensor, type OrtSession } from '../test/fixtures/ort-models';
import { referenceMatmul, TestRandom } from '../test/fixtures/seeded-data';
import { packCsc, packCsr, prepareSparseMatrix } from './csr';
import { csrMatmul, matmulDenseCsc, sparseKernels } from './spmm';

const KERNELS = sparseKernels().available.filter((k) => k !== 'auto');

/** Indices where |y - reference| exceeds the float32 summation bound for that output. */
function outOfTolerance(y: Float32Array, ref: { y: Float64Array; magnitude: Float64Array }, k: number): number[] {
  const bad: number[] = [];
  const unit = 2 ** -24;
  for (let i = 0; i < y.length; i++) {
    const bound = 2 * (k + 2) * unit * (ref.magnitude[i] as number);
    if (!(Math.abs((y[i] as number) - (ref.y[i] as number)) <= bound)) bad.push(i);
  }
  return bad;
}

const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 17, 5],
  [1, 300, 129],
  [3, 8, 8],
  [7, 13, 9],
  [9, 100, 1],
  [64, 64, 64],
  [65, 33, 17],
  [130, 31, 70],
  [2, 5, 200],
];
const SPARSITIES = [0, 0.5, 0.9, 0.99, 1];

describe('matmulDenseCsc (Y = X x W, W sparse)', () => {
  const rng = new TestRandom(21);

  it.each(SHAPES)('matches a dense reference at every sparsity, with every kernel, identically on 1 and 2 threads: M=%i K=%i N=%i', async (m, k, n) => {
    for (const sparsity of SPARSITIES) {
      const x = rng.floats(m * k);
      const w = rng.sparse(k * n, sparsity);
      const csc = await packCsc({ data: w, shape: [k, n] });
      const reference = referenceMatmul(x, w, m, k, n);
      for (const kernel of KERNELS) {
        const one = await matmulDenseCsc({ data: x, shape: [m, k] }, csc, { threads: 1, kernel });
        const two = await matmulDenseCsc({ data: x, shape: [m, k] }, prepareSparseMatrix(csc), { threads: 2, kernel });
        expect(one.shape).toEqual([m, n]);
        expect(outOfTolerance(one.data, reference, k)).toEqual([]);
        expect(Buffer.from(two.data.buffer).equals(Buffer.from(one.data.buffer))).toBe(true);
      }
    }
  });
});

describe('csrMatmul (Y = A x B, A sparse)', () => {
  const rng = new TestRandom(22);

  it.each(SHAPES)('matches a dense reference at every sparsity, with every kernel, identically on 1 and 2 threads: M=%i K=%i N=%i', async (m, k, n) => {
    for (const sparsity of SPARSITIES) {
      const a = rng.sparse(m * k, sparsity);
      const b = rng.floats(k * n);
      const csr = await packCsr({ data: a, shape: [m, k] });
      const reference = referenceMatmul(a, b, m, k, n);
      for (const kernel of KERNELS) {
        const one = await csrMatmul(csr, { data: b, shape: [k, n] }, { threads: 1, kernel });
        const two = await csrMatmul(csr, { data: b, shape: [k, n] }, { threads: 2, kernel });
        expect(one.shape).toEqual([m, n]);
        expect(outOfTolerance(one.data, reference, k)).toEqual([]);
        expect(Buffer.from(two.data.buffer).equals(Buffer.from(one.data.buffer))).toBe(true);
      }
    }
  });
});

describe('prepared matrices with column blocks (128 and 256 columns; see csr-column-blocks.ts)', () => {
  const rng = new TestRandom(24);
  // K not a multiple of the block, and panel widths with masked tails; sparsities that give
  // 128-column blocks (0.5), 256-column blocks (0.9) and none (0.97).
  const BLOCKED: [number, number, number][] = [
    [64, 1000, 70],
    [70, 300, 33],
    [1, 1000, 40],
    [17, 513, 64],
  ];

  it.each(BLOCKED)('gives results bit-identical to the unblocked product, on every kernel and thread count: M=%i K=%i N=%i', async (m, k, n) => {
    for (const sparsity of [0.5, 0.9, 0.97]) {
      const x = rng.floats(m * k);
      const w = rng.sparse(k * n, sparsity);
      const csc = await packCsc({ data: w, shape: [k, n] });
      const csr = await packCsr({ data: x, shape: [m, k] });
      const reference = referenceMatmul(x, w, m, k, n);
      for (const kernel of KERNELS) {
        const plain = await matmulDenseCsc({ data: x, shape: [m, k] }, csc, { threads: 1, kernel });
        expect(outOfTolerance(plain.data, reference, k)).toEqual([]);
        for (const threads of [1, 2]) {
          const blocked = await matmulDenseCsc({ data: x, shape: [m, k] }, prepareSparseMatrix(csc), { threads, kernel });
          expect(Buffer.from(blocked.data.buffer).equals(Buffer.from(plain.data.buffer))).toBe(true);
        }
        // csrMatmul blocks the rows of its sparse operand the same way (here X sparse, W dense).
        const plainCsr = await csrMatmul(csr, { data: w, shape: [k, n] }, { threads: 1, kernel });
        const blockedCsr = await csrMatmul(prepareSparseMatrix(csr), { data: w, shape: [k, n] }, { threads: 2, kernel });
        expect(Buffer.from(blockedCsr.data.buffer).equals(Buffer.from(plainCsr.data.buffer))).toBe(true);
      }
    }
  });
});

describe('sparse products against ONNX Runtime MatMul on the densified weight', () => {
  const rng = new TestRandom(23);
  let ort: OrtSession;

  beforeAll(async () => {
    const dims = (a: string, b: string) => [a, b];
    const [model] = buildModels([
      singleNode(
        { op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] },
        [
          { name: 'x', elemType: ElemType.FLOAT, shape: dims('M', 'K') },
          { name: 'w', elemType: ElemType.FLOAT, shape: dims('K', 'N') },
        ],
        [{ name: 'y', elemType: ElemType.FLOAT, shape: dims('M', 'N') }],
        13,
      ),
    ]);
    ort = await session(model as Uint8Array);
  });

  it.each([
    [1, 1024, 256, 0.9],
    [64, 256, 300, 0.9],
    [33, 129, 65, 0.5],
    [100, 64, 48, 0.99],
    [5, 40, 7, 1],
  ])('M=%i K=%i N=%i sparsity %f', async (m, k, n, sparsity) => {
    const x = rng.floats(m * k);
    const w = rng.sparse(k * n, sparsity);
    const ours = await matmulDenseCsc({ data: x, shape: [m, k] }, await packCsc({ data: w, shape: [k, n] }), { threads: 2 });
    const theirs = (await ort.run({ x: tensor('float32', x, [m, k]), w: tensor('float32', w, [k, n]) })).y?.data as Float32Array;
    const ref = referenceMatmul(x, w, m, k, n);
    // Both are float32 sums of the same terms in different orders: each within the bound of the exact value.
    expect(outOfTolerance(ours.data, ref, k)).toEqual([]);
    expect(outOfTolerance(theirs, ref, k)).toEqual([]);
    const apart = ours.data.map((v, i) => (Math.abs(v - (theirs[i] as number)) <= 4 * (k + 2) * 2 ** -24 * (ref.magnitude[i] as number) ? 0 : 1));
    expect(apart.reduce((a, b) => a + b, 0)).toBe(0);
  });
});

describe('sparseKernels', () => {
  it('lists the portable kernel everywhere and picks the widest available', () => {
    const { available, auto } = sparseKernels();
    expect(available.slice(0, 2)).toEqual(['auto', 'portable']);
    expect(available).toContain(auto);
    if (process.arch !== 'x64') expect(auto).toBe('portable');
  });
});

describe('sparse product arguments', () => {
  it('rejects mismatched inner dimensions and bad operands naming the argument', async () => {
    const csc = await packCsc({ data: new Float32Array(12).fill(1), shape: [3, 4] });
    const csr = await packCsr({ data: new Float32Array(12).fill(1), shape: [3, 4] });
    const invalid = (promise: Promise<unknown>, argument: string) => expect(promise).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT, details: { argument } });
    await invalid(matmulDenseCsc({ data: new Float32Array(8), shape: [2, 4] }, csc), 'w.shape');
    await invalid(matmulDenseCsc({ data: new Float32Array(6), shape: [2, 3] }, csr as never), 'w.format');
    await invalid(matmulDenseCsc({ data: new Float32Array(6), shape: [6] }, csc), 'x.shape');
    await invalid(matmulDenseCsc({ data: new Float64Array(6) as never, shape: [2, 3] }, csc), 'x.data');
    await invalid(matmulDenseCsc({ data: new Float32Array(6), shape: [2, 3] }, csc, { threads: 0 }), 'threads');
    await invalid(csrMatmul(csr, { data: new Float32Array(6), shape: [3, 2] }), 'b.shape');
    await invalid(csrMatmul(csr, { data: new Float32Array(8), shape: [4, 2] }, { threads: 65 }), 'threads');
    await invalid(csrMatmul(csr, { data: new Float32Array(8), shape: [4, 2] }, { kernel: 'sse' as never }), 'kernel');
    await expect(matmulDenseCsc({ data: new Float32Array(3000), shape: [1000, 3] }, csc, { maxElements: 3999 })).rejects.toMatchObject({
      code: ErrorCode.RESOURCE_EXHAUSTED,
    });
  });

  it('writes into a caller-provided output, and refuses a wrong or overlapping one', async () => {
    const rng = new TestRandom(10);
    const x = rng.floats(6 * 5);
    const w = await packCsc({ data: rng.sparse(5 * 7, 0.5), shape: [5, 7] });
    const fresh = await matmulDenseCsc({ data: x, shape: [6, 5] }, w);
    const out = new Float32Array(42).fill(NaN);
    const into = await matmulDenseCsc({ data: x, shape: [6, 5] }, w, { out });
    expect(into.data).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(fresh.data));
    const invalid = (promise: Promise<unknown>) => expect(promise).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT, details: { argument: 'out' } });
    await invalid(matmulDenseCsc({ data: x, shape: [6, 5] }, w, { out: new Float32Array(41) }));
    await invalid(matmulDenseCsc({ data: x, shape: [6, 5] }, w, { out: new Float64Array(42) as never }));
    const shared = new Float32Array(100);
    shared.set(x);
    await invalid(matmulDenseCsc({ data: shared.subarray(0, 30), shape: [6, 5] }, w, { out: shared.subarray(20, 62) }));
    await expect(matmulDenseCsc({ data: shared.subarray(0, 30), shape: [6, 5] }, w, { out: shared.subarray(30, 72) })).resolves.toBeDefined();
  });

  it('gives every call its own output, whose memory outlives later calls while referenced', async () => {
    const w = await packCsc({ data: Float32Array.from([1, 2, 3, 4]), shape: [2, 2] });
    const results = [];
    for (let i = 0; i < 50; i++) results.push(await matmulDenseCsc({ data: Float32Array.from([i, 1]), shape: [1, 2] }, w));
    results.forEach((y, i) => expect(Array.from(y.data)).toEqual([i + 3, 2 * i + 4]));
  });

  it('cancels a long product with CANCELLED and stays healthy', async () => {
    // A dense weight (no zeros) and 1024 rows: about 4 G multiply-adds, far longer than the 30 ms before the abort.
    const [m, k, n] = [1024, 2048, 2048];
    const w = await packCsc({ data: new Float32Array(k * n).fill(0.5), shape: [k, n] });
    const x = { data: new Float32Array(m * k).fill(1), shape: [m, k] };
    const controller = new AbortController();
    const started = Date.now();
    const running = matmulDenseCsc(x, prepareSparseMatrix(w), { signal: controller.signal, threads: 2 });
    setTimeout(() => controller.abort(), 30);
    await expect(running).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    expect(Date.now() - started).toBeLessThan(2000);
    const small = await matmulDenseCsc({ data: Float32Array.from([1, 2]), shape: [1, 2] }, await packCsc({ data: Float32Array.from([3, 4]), shape: [2, 1] }));
    expect(Array.from(small.data)).toEqual([11]);
  });
});
