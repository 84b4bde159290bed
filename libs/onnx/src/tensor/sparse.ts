import { create } from '@bufbuild/protobuf';
import { invalidModel } from '../errors';
import { SparseTensorProtoSchema, type SparseTensorProto } from '../gen/onnx_pb';
import { DEFAULT_LIMITS, type Limits } from '../limits';
import { DataType, dataTypeInfo } from './data-types';
import { decodeTensor } from './decode';
import { encodeTensor, type TensorEncoding } from './encode';
import { decodedBytesPerElement } from './layout';
import { elementCount } from './shape';
import { createTensor, type Tensor, type TensorData } from './tensor';

/** Indices as ONNX allows them: one linear index per value ([NNZ]) or one coordinate row per value ([NNZ, rank]). */
export type SparseIndexForm = 'linear' | 'coordinate';

export interface SparseParts {
  readonly name: string;
  readonly dims: number[];
  readonly values: Tensor;
  /** Linear (row-major) index of each value in the dense tensor. */
  readonly linearIndices: number[];
  readonly indexForm: SparseIndexForm;
}

/** Decodes and validates a SparseTensorProto (shapes, index ranges, caps) without densifying it. */
export function decodeSparseTensor(sparse: SparseTensorProto, where: string, limits: Limits = DEFAULT_LIMITS): SparseParts {
  if (sparse.values === undefined) throw invalidModel(`${where} has no values tensor`);
  const name = sparse.values.name;
  const counted = elementCount(sparse.dims);
  if ('problem' in counted) throw invalidModel(`${where} has invalid dimensions: ${counted.problem}`);
  const values = decodeTensor(sparse.values, { limits, where: `values of ${where}` });
  if (values.dims.length !== 1) throw invalidModel(`${where} has values of rank ${values.dims.length}; ONNX requires a 1-D [NNZ] tensor`);
  const info = dataTypeInfo(values.dataType);
  if (info === undefined) throw invalidModel(`${where} has an unknown value type`);
  const denseBytes = counted.count * decodedBytesPerElement(info);
  if (denseBytes > limits.maxTensorBytes) {
    throw invalidModel(`${where} densifies to ${denseBytes} bytes, above limits.maxTensorBytes (${limits.maxTensorBytes})`, { limit: 'maxTensorBytes' });
  }
  const nnz = values.dims[0];
  const rank = counted.dims.length;
  let linearIndices: number[] = [];
  let indexForm: SparseIndexForm = 'linear';
  if (nnz > 0 || sparse.indices !== undefined) {
    if (sparse.indices === undefined) throw invalidModel(`${where} has ${nnz} values but no indices`);
    const indices = decodeTensor(sparse.indices, { limits, where: `indices of ${where}` });
    if (indices.dataType !== DataType.INT64) throw invalidModel(`${where} has indices of type ${indices.dataType}; ONNX requires int64`);
    const raw = indices.data as BigInt64Array;
    if (indices.dims.length === 1 && indices.dims[0] === nnz) {
      linearIndices = Array.from(raw, (value) => checkIndex(value, counted.count, where));
    } else if (indices.dims.length === 2 && indices.dims[0] === nnz && indices.dims[1] === rank) {
      indexForm = 'coordinate';
      linearIndices = new Array(nnz);
      for (let i = 0; i < nnz; i++) {
        let linear = 0;
        for (let axis = 0; axis < rank; axis++) {
          linear = linear * counted.dims[axis] + checkIndex(raw[i * rank + axis], counted.dims[axis], where);
        }
        linearIndices[i] = linear;
      }
    } else {
      throw invalidModel(`${where} has indices of shape [${indices.dims.join(', ')}]; expected [${nnz}] or [${nnz}, ${rank}]`);
    }
  }
  return { name, dims: counted.dims, values, linearIndices, indexForm };
}

function checkIndex(value: bigint, bound: number, where: string): number {
  if (value < 0n || value >= BigInt(bound)) throw invalidModel(`${where} has index ${value} outside [0, ${bound})`);
  return Number(value);
}

/** The dense tensor a sparse one stands for (zeros, or empty strings, elsewhere). */
export function densifySparseTensor(sparse: SparseTensorProto, where: string, limits: Limits = DEFAULT_LIMITS): Tensor {
  const parts = decodeSparseTensor(sparse, where, limits);
  const count = parts.dims.reduce((a, b) => a * b, 1);
  const { values } = parts;
  const source = values.data;
  let dense: TensorData;
  if (Array.isArray(source)) {
    const strings: Uint8Array[] = Array.from({ length: count }, () => new Uint8Array(0));
    parts.linearIndices.forEach((index, i) => (strings[index] = source[i]));
    dense = strings;
  } else {
    const complex = values.dataType === DataType.COMPLEX64 || values.dataType === DataType.COMPLEX128;
    const width = complex ? 2 : 1;
    const Constructor = source.constructor as new (length: number) => typeof source;
    const target = new Constructor(count * width);
    parts.linearIndices.forEach((index, i) => {
      for (let k = 0; k < width; k++) (target as unknown as unknown[])[index * width + k] = source[i * width + k];
    });
    dense = target;
  }
  return Object.freeze({ name: parts.name, dataType: values.dataType, dims: Object.freeze(parts.dims), data: dense });
}

/**
 * A dense tensor -> SparseTensorProto holding its non-zero elements (NaN counts as non-zero,
 * -0 as zero), indices in the requested form, values in the requested encoding.
 */
export function encodeSparseTensor(dense: Tensor, indexForm: SparseIndexForm, encoding: TensorEncoding): SparseTensorProto {
  const complex = dense.dataType === DataType.COMPLEX64 || dense.dataType === DataType.COMPLEX128;
  const width = complex ? 2 : 1;
  const data = dense.data;
  const count = dense.dims.reduce((a, b) => a * b, 1);
  const kept: number[] = [];
  for (let i = 0; i < count; i++) {
    let nonZero = false;
    for (let k = 0; k < width && !nonZero; k++) {
      const value = (data as ArrayLike<unknown>)[i * width + k];
      nonZero = value instanceof Uint8Array ? value.length > 0 : value !== 0 && value !== 0n;
    }
    if (nonZero) kept.push(i);
  }
  const valueData = Array.isArray(data)
    ? kept.map((i) => data[i])
    : (() => {
        const Constructor = data.constructor as new (length: number) => typeof data;
        const out = new Constructor(kept.length * width);
        kept.forEach((index, j) => {
          for (let k = 0; k < width; k++) (out as unknown as unknown[])[j * width + k] = data[index * width + k];
        });
        return out;
      })();
  const values = createTensor({ name: dense.name, dataType: dense.dataType, dims: [kept.length], data: valueData as TensorData });
  const rank = dense.dims.length;
  let indexData: BigInt64Array;
  if (indexForm === 'linear') indexData = BigInt64Array.from(kept, (i) => BigInt(i));
  else {
    indexData = new BigInt64Array(kept.length * rank);
    kept.forEach((linear, j) => {
      let rest = linear;
      for (let axis = rank - 1; axis >= 0; axis--) {
        indexData[j * rank + axis] = BigInt(rest % dense.dims[axis]);
        rest = Math.floor(rest / dense.dims[axis]);
      }
    });
  }
  const indices = createTensor({ name: '', dataType: DataType.INT64, dims: indexForm === 'linear' ? [kept.length] : [kept.length, rank], data: indexData });
  return create(SparseTensorProtoSchema, {
    values: encodeTensor(values, encoding),
    indices: encodeTensor(indices, encoding),
    dims: dense.dims.map((dim) => BigInt(dim)),
  });
}
