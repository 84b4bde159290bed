/**
 * When a pruned weight is smaller as an ONNX sparse_initializer. ONNX stores a sparse tensor as
 * its non-zero values [NNZ] plus int64 indices (linear [NNZ], the form libs/onnx writes; ONNX
 * requires int64 and libs/onnx refuses other index types on read, although ONNX Runtime 1.30 also
 * loads int32 indices), so each kept element costs its value plus 8 bytes of index. For float32
 * that is 12 bytes per non-zero against 4 per element dense: the sparse form is smaller below a
 * density of 1/3, i.e. above 66.7 % sparsity (float16: 80 %). Measured on the PP-OCRv4
 * recognizer (all Conv/MatMul weights pruned, sparse everywhere): 10.82 MB dense -> 16.16 MB at
 * 50 %, 10.71 MB at 67 %, 6.55 MB at 80 %, 3.35 MB at 90 %. Under gzip the dense zeros compress
 * about as well (1.48 MB dense vs 1.48 MB sparse at 90 %), so the sparse form is for the raw file
 * and memory-mapped size. ONNX Runtime densifies sparse initializers at load.
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
