/**
 * When a pruned weight is smaller as an ONNX sparse_initializer. ONNX stores a sparse tensor as
 * its non-zero values [NNZ] plus int64 indices (linear [NNZ], the form libs/onnx writes; ONNX
 * requires int64 and libs/onnx refuses other index types on read), so each kept element costs its
 * value plus 8 bytes of index: for float32, 12 bytes per non-zero against 4 per element dense, so
 * the sparse form is smaller below a density of 1/3, i.e. above 66.7 % sparsity (float16: 80 %).
 * ONNX Runtime 1.30 densifies sparse initializers at load; it also loads int32 indices, but
 * those would save raw bytes only (gzip of the PP-OCRv4 recognizer at 90 %, all weights sparse:
 * 1.76 MB with int32 indices, 1.48 MB with int64) and break the ONNX spec.
 * Measured with this plugin on the PP-OCRv4 recognizer (global threshold, 10.82 MB, gzip 9.96 MB):
 * 50 %: 10.00 MB (dense storage 10.83), gzip 5.74 (5.69); 70 %: 7.92 MB (10.83), gzip 3.83 (3.63);
 * 80 %: 5.43 MB, gzip 2.57; 90 %: 3.03 MB (10.83), gzip 1.37 (1.37). So the sparse form shrinks
 * the raw file (what a device stores and maps), while zeros in dense storage compress as well.
 */

const VALUE_BYTES: Readonly<Record<string, number>> = { float: 4, float16: 2, bfloat16: 2, double: 8 };
const INDEX_BYTES = 8;
/** Fixed cost of a sparse initializer beyond its data (two TensorProto headers, dims). */
const SPARSE_OVERHEAD_BYTES = 64;

export function denseBytes(dataType: string, elements: number): number {
  return (VALUE_BYTES[dataType] ?? 4) * elements;
}

export function sparseBytes(dataType: string, nonZeros: number): number {
  return ((VALUE_BYTES[dataType] ?? 4) + INDEX_BYTES) * nonZeros + SPARSE_OVERHEAD_BYTES;
}

/** True when storing the weight sparse makes the file smaller. */
export function sparseIsSmaller(dataType: string, elements: number, nonZeros: number): boolean {
  return sparseBytes(dataType, nonZeros) < denseBytes(dataType, elements);
}

/** The sparsity above which the sparse form is smaller, for a value type. */
export function breakEvenSparsity(dataType: string): number {
  const value = VALUE_BYTES[dataType] ?? 4;
  return 1 - value / (value + INDEX_BYTES);
}
