import { ErrorCode } from '@edgepress/errors';
import { TestRandom } from '../test/fixtures/seeded-data';
import { packCsc, packCsr, prepareSparseMatrix, unpackCsc, unpackCsr, type CsrMatrix } from './csr';
import { csrMatmul } from './spmm';

/** Reference CSR of a dense row-major matrix (or CSC with transpose). */
function referencePack(data: Float32Array, rows: number, cols: number, byColumn: boolean) {
  const lines = byColumn ? cols : rows;
  const length = byColumn ? rows : cols;
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (let l = 0; l < lines; l++) {
    for (let e = 0; e < length; e++) {
      const v = data[byColumn ? e * cols + l : l * cols + e] as number;
      if (v !== 0) {
        indices.push(e);
        values.push(v);
      }
    }
    indptr.push(indices.length);
  }
  return { indptr, indices, values };
}

describe('CSR and CSC pack/unpack', () => {
  const rng = new TestRandom(3);
  const shapes: [number, number][] = [[1, 1], [1, 17], [9, 1], [13, 7], [64, 65], [200, 33]];
  const sparsities = [0, 0.5, 0.9, 0.99, 1];

  it.each(shapes)('round-trips [%i, %i] at every sparsity, both layouts, 1 and 2 threads', async (rows, cols) => {
    for (const sparsity of sparsities) {
      const data = rng.sparse(rows * cols, sparsity);
      const matrix = { data, shape: [rows, cols] };
      for (const [format, pack, unpack] of [
        ['csr', packCsr, unpackCsr],
        ['csc', packCsc, unpackCsc],
      ] as const) {
        const one = await pack(matrix, { threads: 1 });
        const two = await pack(matrix, { threads: 2 });
        const ref = referencePack(data, rows, cols, format === 'csc');
        expect(one.format).toBe(format);
        expect(one.shape).toEqual([rows, cols]);
        expect(Array.from(one.indptr)).toEqual(ref.indptr);
        expect(Array.from(one.indices)).toEqual(ref.indices);
        expect(Array.from(one.values)).toEqual(ref.values);
        expect(Array.from(two.indices)).toEqual(ref.indices);
        const back = await (unpack as (m: typeof one, o: object) => ReturnType<typeof unpackCsr>)(one, { threads: 2 });
        expect(back.shape).toEqual([rows, cols]);
        expect(Buffer.from(back.data.buffer).equals(Buffer.from(data.buffer))).toBe(true);
      }
    }
  });

  it('drops both signed zeros and keeps NaN as a nonzero', async () => {
    const packed = await packCsr({ data: Float32Array.from([0, -0, NaN, 2]), shape: [2, 2] });
    expect(Array.from(packed.indptr)).toEqual([0, 0, 2]);
    expect(Array.from(packed.values)).toEqual([NaN, 2]);
  });
});

describe('sparse matrix validation', () => {
  // 3 x 4: row 0 -> cols 1, 3; row 1 empty; row 2 -> col 0.
  const good = (): CsrMatrix => ({
    format: 'csr',
    shape: [3, 4],
    indptr: Int32Array.from([0, 2, 2, 3]),
    indices: Int32Array.from([1, 3, 0]),
    values: Float32Array.from([1, 2, 3]),
  });
  const b = { data: new Float32Array(8), shape: [4, 2] };
  const invalid = (matrix: unknown, argument: string, message?: string) =>
    expect(csrMatmul(matrix as CsrMatrix, b)).rejects.toMatchObject({
      code: ErrorCode.INVALID_ARGUMENT,
      details: { argument },
      ...(message ? { message: expect.stringContaining(message) } : {}),
    });

  it('accepts a well-formed matrix', async () => {
    await expect(csrMatmul(good(), b)).resolves.toMatchObject({ shape: [3, 2] });
  });

  it('names the broken part of the structure', async () => {
    await invalid({ ...good(), indptr: Int32Array.from([0, 2, 1, 3]) }, 'a.indptr', 'non-decreasing');
    await invalid({ ...good(), indptr: Int32Array.from([1, 2, 2, 3]) }, 'a.indptr', 'indptr[0] to be 0');
    await invalid({ ...good(), indptr: Int32Array.from([0, 2, 2, 2]) }, 'a.indptr', 'to equal nnz 3');
    await invalid({ ...good(), indptr: Int32Array.from([0, 2, 3]) }, 'a.indptr', 'to hold 4 entries');
    await invalid({ ...good(), indices: Int32Array.from([1, 4, 0]) }, 'a.indices', 'between 0 and 3');
    await invalid({ ...good(), indices: Int32Array.from([1, -1, 0]) }, 'a.indices', 'between 0 and 3');
    await invalid({ ...good(), indices: Int32Array.from([3, 1, 0]) }, 'a.indices', 'increase strictly');
    await invalid({ ...good(), indices: Int32Array.from([1, 1, 0]) }, 'a.indices', 'increase strictly');
    await invalid({ ...good(), values: Float32Array.from([1, 2]) }, 'a.values');
    await invalid({ ...good(), values: Float64Array.from([1, 2, 3]) }, 'a.values');
    await invalid({ ...good(), indices: Uint32Array.from([1, 3, 0]) }, 'a.indices');
    await invalid({ ...good(), format: 'csc' }, 'a.format');
    await invalid({ ...good(), shape: [3, 0] }, 'a.shape[1]');
    await invalid({ ...good(), shape: [3] }, 'a.shape');
    await invalid(null, 'a');
  });

  it('refuses a matrix whose dense size is above the cap', async () => {
    await expect(csrMatmul(good(), b, { maxElements: 11 })).rejects.toMatchObject({ code: ErrorCode.RESOURCE_EXHAUSTED });
  });

  it('prepares a matrix once: validated, copied, and not forgeable', async () => {
    const source = good();
    const prepared = prepareSparseMatrix(source);
    expect(prepared).toEqual({ format: 'csr', shape: [3, 4], nnz: 3 });
    source.indices[0] = 1000; // later writes to the caller's arrays do not reach native code
    const y = await csrMatmul(prepared, { data: Float32Array.from([1, 0, 0, 1, 0, 0, 0, 0]), shape: [4, 2] });
    expect(Array.from(y.data)).toEqual([0, 1, 0, 0, 3, 0]);
    await invalid({ ...prepared }, 'a.indptr');
    expect(() => prepareSparseMatrix({ ...good(), indices: Int32Array.from([9, 9, 9]) })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
  });

  it('rejects a non-2-D matrix to pack', async () => {
    await expect(packCsr({ data: new Float32Array(8), shape: [2, 2, 2] })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT, details: { argument: 'matrix.shape' } });
  });
});
