import { invalidModel } from '../errors';
import type { ModelProto, SparseTensorProto, ValueInfoProto } from '../gen/onnx_pb';
import type { Limits } from '../limits';
import { parseExternalDataRef } from '../external-data-ref';
import { inspectTensor } from '../tensor/layout';
import { elementCount } from '../tensor/shape';
import { walkModel } from './tensor-walk';

/**
 * The checks every model passes when it is read, before any caller sees it: it has a graph, every
 * tensor's type, shape and data amount agree (no decoding yet), external-data references are well
 * formed and stay inside the model's folder, sparse tensors are shaped as ONNX requires, and no
 * declared shape has a negative dimension. Structural graph problems (dangling inputs, cycles)
 * are the business of checkModel, because editing may pass through such states.
 */
export function validateModelProto(model: ModelProto, limits: Limits): void {
  if (model.graph === undefined) throw invalidModel('Model has no graph');
  walkModel(model, {
    tensor(tensor, where) {
      const layout = inspectTensor(tensor, where, limits);
      if (layout.storage === 'external') parseExternalDataRef(tensor, where);
    },
    sparse(sparse, where) {
      validateSparse(sparse, where, limits);
    },
    valueInfo(info, where) {
      validateDeclaredShape(info, where);
    },
  });
}

function validateSparse(sparse: SparseTensorProto, where: string, limits: Limits): void {
  if (sparse.values === undefined) throw invalidModel(`${where} has no values tensor`);
  const counted = elementCount(sparse.dims);
  if ('problem' in counted) throw invalidModel(`${where} has invalid dimensions: ${counted.problem}`);
  const values = inspectTensor(sparse.values, `values of ${where}`, limits);
  if (values.dims.length !== 1) throw invalidModel(`${where} has values of rank ${values.dims.length}; ONNX requires a 1-D [NNZ] tensor`);
  const nnz = values.dims[0];
  if (nnz > counted.count) throw invalidModel(`${where} has ${nnz} values but its dense shape holds only ${counted.count}`);
  if (sparse.indices === undefined) {
    if (nnz > 0) throw invalidModel(`${where} has ${nnz} values but no indices`);
    return;
  }
  const indices = inspectTensor(sparse.indices, `indices of ${where}`, limits);
  const rank = counted.dims.length;
  const linear = indices.dims.length === 1 && indices.dims[0] === nnz;
  const coordinate = indices.dims.length === 2 && indices.dims[0] === nnz && indices.dims[1] === rank;
  if (!linear && !coordinate) throw invalidModel(`${where} has indices of shape [${indices.dims.join(', ')}]; expected [${nnz}] or [${nnz}, ${rank}]`);
}

function validateDeclaredShape(info: ValueInfoProto, where: string): void {
  const type = info.type?.value;
  if (type === undefined || (type.case !== 'tensorType' && type.case !== 'sparseTensorType')) return;
  const dims = type.value.shape?.dim ?? [];
  dims.forEach((dim, axis) => {
    if (dim.value.case === 'dimValue' && dim.value.value < 0n) {
      throw invalidModel(`${where} declares a negative dimension ${dim.value.value} at axis ${axis}`);
    }
  });
}
