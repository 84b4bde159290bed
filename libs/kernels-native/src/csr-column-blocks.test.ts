import { TestRandom } from '../test/fixtures/seeded-data';
import { packCsc, packCsr } from './csr';
import { columnBlocksOf, columnBlockWidth } from './csr-column-blocks';

describe('column blocks of a prepared sparse matrix', () => {
  const rng = new TestRandom(41);

  it('uses 128-column blocks for dense lines, 256 for sparser ones, and none when segments would be short or there is one block', () => {
    expect(columnBlockWidth(1024, 1024, 0.5 * 1024 * 1024)).toBe(128);
    expect(columnBlockWidth(1024, 1024, 0.15 * 1024 * 1024)).toBe(128);
    expect(columnBlockWidth(1024, 1024, 0.1 * 1024 * 1024)).toBe(256);
    expect(columnBlockWidth(1024, 1024, 0.05 * 1024 * 1024)).toBeUndefined();
    expect(columnBlockWidth(1024, 128, 1024 * 128)).toBeUndefined();
    expect(columnBlockWidth(10, 256, 10 * 256)).toBe(128);
    expect(columnBlockWidth(10, 256, 0.1 * 10 * 256)).toBeUndefined();
  });

  it.each([
    ['csr', 37, 1000, 0.5],
    ['csr', 5, 300, 0.8],
    ['csc', 1000, 41, 0.9],
    ['csc', 257, 129, 0.2],
  ] as const)('starts every line of a %s %ix%i matrix at %f sparsity at its first nonzero in each block', async (format, rows, cols, sparsity) => {
    const dense = rng.sparse(rows * cols, sparsity);
    const matrix = format === 'csr' ? await packCsr({ data: dense, shape: [rows, cols] }) : await packCsc({ data: dense, shape: [rows, cols] });
    const [lines, length] = format === 'csr' ? [rows, cols] : [cols, rows];
    const width = columnBlockWidth(lines, length, matrix.indices.length);
    const blocks = columnBlocksOf(matrix);
    expect(width).toBeDefined();
    expect(blocks?.blocks).toBe(Math.ceil(length / (width as number)));
    const { starts, blocks: count } = blocks as NonNullable<typeof blocks>;
    for (let line = 0; line < lines; line++) {
      for (let b = 0; b <= count; b++) {
        // The brute-force answer: the first nonzero of the line at or past the block's first column.
        let expected = matrix.indptr[line + 1] as number;
        for (let j = matrix.indptr[line] as number; j < (matrix.indptr[line + 1] as number); j++) {
          if ((matrix.indices[j] as number) >= b * (width as number)) {
            expected = j;
            break;
          }
        }
        expect(starts[b * lines + line]).toBe(expected);
      }
    }
  });
});
