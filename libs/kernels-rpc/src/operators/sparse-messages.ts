/** Conversions shared by the sparse operators: CSR/CSC matrices, masked tensors, tensor lists. */
import type { MagnitudeThreshold, MaskedTensor, SparseFormat, SparseMatrix, Tensor } from '@edgepress/kernels-native';
import type { MagnitudeThreshold as MagnitudeThresholdMessage, MagnitudeThreshold__Output } from '../gen/edgepress/kernels/v1/MagnitudeThreshold';
import type { MaskedTensor as MaskedTensorMessage, MaskedTensor__Output } from '../gen/edgepress/kernels/v1/MaskedTensor';
import type { SparseMatrix as SparseMatrixMessage, SparseMatrix__Output } from '../gen/edgepress/kernels/v1/SparseMatrix';
import type { Tensor as TensorMessage, Tensor__Output } from '../gen/edgepress/kernels/v1/Tensor';
import type { TensorAssembler } from '../wire/tensor-assembler';
import type { TensorWriter } from '../wire/tensor-writer';
import { enumArg, enumName, forValidation, integer, listArg, numberArg, objectArg, present } from './operator-codec';

const SPARSE_FORMATS: Readonly<Record<SparseFormat, 'SPARSE_FORMAT_CSR' | 'SPARSE_FORMAT_CSC'>> = {
  csr: 'SPARSE_FORMAT_CSR',
  csc: 'SPARSE_FORMAT_CSC',
};

const UINT32_MAX = 2 ** 32 - 1;

export function encodeSparse(w: TensorWriter, name: string, matrix: SparseMatrix): SparseMatrixMessage {
  const m = objectArg(name, matrix);
  const shape = listArg(`${name}.shape`, m.shape);
  return {
    format: enumArg(`${name}.format`, m.format, m.format, SPARSE_FORMATS),
    rows: integer(`${name}.shape[0]`, shape[0], 0, UINT32_MAX),
    cols: integer(`${name}.shape[1]`, shape[1], 0, UINT32_MAX),
    indptr: w.array(`${name}.indptr`, m.indptr),
    indices: w.array(`${name}.indices`, m.indices),
    values: w.array(`${name}.values`, m.values),
  };
}

export function decodeSparse<F extends SparseFormat>(r: TensorAssembler, message: SparseMatrix__Output | null): SparseMatrix<F> {
  if (message === null) return forValidation<SparseMatrix<F>>(undefined);
  return forValidation<SparseMatrix<F>>({
    format: enumName(message.format, SPARSE_FORMATS),
    shape: [message.rows, message.cols],
    indptr: r.array(message.indptr),
    indices: r.array(message.indices),
    values: r.array(message.values),
  });
}

/** A sparse matrix in a result: the server built it, the assembler checked its tensors. */
export function decodeSparseResult<F extends SparseFormat>(r: TensorAssembler, message: SparseMatrix__Output | null, name: string): SparseMatrix<F> {
  const m = present(message, name);
  return {
    format: enumName<SparseFormat>(m.format, SPARSE_FORMATS) as F,
    shape: [m.rows, m.cols],
    indptr: present(r.array(m.indptr), `${name}.indptr`) as Int32Array,
    indices: present(r.array(m.indices), `${name}.indices`) as Int32Array,
    values: present(r.array(m.values), `${name}.values`) as Float32Array,
  };
}

export function encodeTensorList(w: TensorWriter, name: string, tensors: readonly Tensor<Float32Array>[]): TensorMessage[] {
  return listArg(name, tensors).map((t, i) => w.tensor(`${name}[${i}]`, t));
}

export function decodeTensorList(r: TensorAssembler, list: Tensor__Output[]): Tensor<Float32Array>[] {
  return list.map((t) => forValidation<Tensor<Float32Array>>(r.tensor(t)));
}

export function encodeMasked(w: TensorWriter, name: string, masked: MaskedTensor): MaskedTensorMessage {
  return { pruned: w.tensor(`${name}.pruned`, masked.pruned), mask: w.array(`${name}.mask`, masked.mask) };
}

export function decodeMasked(r: TensorAssembler, message: MaskedTensor__Output | null, name: string): MaskedTensor {
  const m = present(message, name);
  return {
    pruned: present(r.tensor(m.pruned), `${name}.pruned`) as Tensor<Float32Array>,
    mask: present(r.array(m.mask), `${name}.mask`) as Uint8Array,
  };
}

export function encodeThreshold(name: string, threshold: MagnitudeThreshold): MagnitudeThresholdMessage {
  const t = objectArg(name, threshold);
  return {
    threshold: numberArg(`${name}.threshold`, t.threshold),
    pruneCount: integer(`${name}.pruneCount`, t.pruneCount, 0, Number.MAX_SAFE_INTEGER),
    tiesToPrune: integer(`${name}.tiesToPrune`, t.tiesToPrune, 0, Number.MAX_SAFE_INTEGER),
  };
}

export function decodeThreshold(message: MagnitudeThreshold__Output | null): MagnitudeThreshold {
  if (message === null) return forValidation<MagnitudeThreshold>(undefined);
  return { threshold: message.threshold, pruneCount: message.pruneCount, tiesToPrune: message.tiesToPrune };
}
