/**
 * Column blocks of a prepared sparse matrix: where each line's nonzeros enter each block of 128
 * or 256 columns (rows of the dense operand), so that the product kernel walks one block of
 * the dense panel at a time and reuses it from L1 (src/native/spmm_kernel.h explains the layout
 * and the measurements). Built once by prepareSparseMatrix from a validated matrix and kept
 * private with it; native code trusts its contents and checks only its length.
 */
import type { SparseFormat, SparseMatrix } from './csr';

export interface ColumnBlocks {
  /** starts[b * lines + l]: the first nonzero of line l in block b; b = blocks gives the line's end. */
  readonly starts: Int32Array;
  readonly blocks: number;
}

/**
 * A block pays when a line has about this many nonzeros in it: each (line, block) segment costs a
 * mispredicted loop exit, about as much as 20 nonzeros save by reading the panel from L1.
 */
const MIN_NONZEROS_PER_SEGMENT = 19;
const BLOCK_COLUMNS = [128, 256] as const;

/** The narrowest block whose expected segment is long enough, or none (a sparser matrix gains nothing). */
export function columnBlockWidth(lines: number, lineLength: number, nnz: number): number | undefined {
  const density = nnz / (lines * lineLength);
  const width = BLOCK_COLUMNS.find((columns) => density * columns >= MIN_NONZEROS_PER_SEGMENT);
  return width !== undefined && lineLength > width ? width : undefined;
}

export function columnBlocksOf<F extends SparseFormat>(matrix: SparseMatrix<F>): ColumnBlocks | undefined {
  const [rows, cols] = matrix.shape;
  const [lines, lineLength] = matrix.format === 'csr' ? [rows, cols] : [cols, rows];
  const { indptr, indices } = matrix;
  const width = columnBlockWidth(lines, lineLength, indices.length);
  if (width === undefined) return undefined;
  const blocks = Math.ceil(lineLength / width);
  const starts = new Int32Array((blocks + 1) * lines);
  for (let line = 0; line < lines; line++) {
    const end = indptr[line + 1] as number;
    let j = indptr[line] as number;
    starts[line] = j;
    for (let b = 1; b < blocks; b++) {
      const firstColumn = b * width;
      while (j < end && (indices[j] as number) < firstColumn) j++;
      starts[b * lines + line] = j;
    }
    starts[blocks * lines + line] = end;
  }
  return { starts, blocks };
}
