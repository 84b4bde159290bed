import { create } from '@bufbuild/protobuf';
import {
  TensorShapeProto_DimensionSchema,
  TensorShapeProtoSchema,
  TypeProto_TensorSchema,
  TypeProtoSchema,
  ValueInfoProtoSchema,
  type TensorShapeProto,
  type TypeProto,
  type ValueInfoProto,
} from '../gen/onnx_pb';
import type { Dim } from '../model-summary';
import { invalidArgument } from '../errors';

/** Element type (TensorProto.DataType number, 0 when unknown) and shape (null when unknown) of a tensor value. */
export interface ValueType {
  readonly elemType: number;
  readonly shape: Dim[] | null;
}

export function shapeFromProto(shape: TensorShapeProto | undefined): Dim[] | null {
  if (shape === undefined) return null;
  return shape.dim.map((dim) => {
    if (dim.value.case === 'dimValue') {
      const value = dim.value.value;
      return value >= 0n && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
    }
    if (dim.value.case === 'dimParam' && dim.value.value !== '') return dim.value.value;
    return null;
  });
}

/** Tensor (or sparse tensor) type of a TypeProto; undefined for sequences, maps and optionals. */
export function valueTypeFromTypeProto(type: TypeProto | undefined): ValueType | undefined {
  if (type === undefined) return undefined;
  if (type.value.case === 'tensorType' || type.value.case === 'sparseTensorType') {
    return { elemType: type.value.value.elemType, shape: shapeFromProto(type.value.value.shape) };
  }
  return undefined;
}

export function valueTypeOf(info: ValueInfoProto): ValueType | undefined {
  return valueTypeFromTypeProto(info.type);
}

export function shapeToProto(shape: readonly Dim[]): TensorShapeProto {
  return create(TensorShapeProtoSchema, {
    dim: shape.map((dim) => {
      if (typeof dim === 'number') {
        if (!Number.isSafeInteger(dim) || dim < 0) throw invalidArgument(`Expected a non-negative integer dimension but received ${dim}`);
        return create(TensorShapeProto_DimensionSchema, { value: { case: 'dimValue', value: BigInt(dim) } });
      }
      if (typeof dim === 'string') return create(TensorShapeProto_DimensionSchema, { value: { case: 'dimParam', value: dim } });
      return create(TensorShapeProto_DimensionSchema, {});
    }),
  });
}

export function tensorTypeProto(elemType: number, shape: readonly Dim[] | null): TypeProto {
  return create(TypeProtoSchema, {
    value: {
      case: 'tensorType',
      value: create(TypeProto_TensorSchema, { elemType, ...(shape === null ? {} : { shape: shapeToProto(shape) }) }),
    },
  });
}

export function makeValueInfo(name: string, elemType: number, shape: readonly Dim[] | null): ValueInfoProto {
  return create(ValueInfoProtoSchema, { name, type: tensorTypeProto(elemType, shape) });
}
