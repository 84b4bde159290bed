import { clearField, create, isFieldSet } from '@bufbuild/protobuf';
import { invalidArgument, invalidModel } from '../errors';
import {
  AttributeProto_AttributeType as AttributeType,
  AttributeProtoSchema,
  type AttributeProto,
  type GraphProto,
  type NodeProto,
  type SparseTensorProto,
  type TensorProto,
  type TypeProto,
} from '../gen/onnx_pb';

/**
 * Node attributes as typed values. Integers stay int64 (bigint) so nothing is lost (Slice ends
 * are often INT64_MAX); the number getters below convert for convenience. Strings are bytes as
 * ONNX stores them; getString decodes UTF-8.
 */
export type AttributeValue =
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'int'; readonly value: bigint }
  | { readonly type: 'string'; readonly value: Uint8Array }
  | { readonly type: 'tensor'; readonly value: TensorProto }
  | { readonly type: 'graph'; readonly value: GraphProto }
  | { readonly type: 'sparse_tensor'; readonly value: SparseTensorProto }
  | { readonly type: 'type_proto'; readonly value: TypeProto }
  | { readonly type: 'floats'; readonly value: readonly number[] }
  | { readonly type: 'ints'; readonly value: readonly bigint[] }
  | { readonly type: 'strings'; readonly value: readonly Uint8Array[] }
  | { readonly type: 'tensors'; readonly value: readonly TensorProto[] }
  | { readonly type: 'graphs'; readonly value: readonly GraphProto[] }
  | { readonly type: 'sparse_tensors'; readonly value: readonly SparseTensorProto[] }
  | { readonly type: 'type_protos'; readonly value: readonly TypeProto[] }
  /** A reference to an attribute of the enclosing function (FunctionProto bodies only). */
  | { readonly type: 'ref'; readonly value: string };

export type AttributeTypeName = AttributeValue['type'];

const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();

/** The attribute's declared type, or the one its populated field implies when `type` is missing (old models). */
function typeOf(attribute: AttributeProto): AttributeType {
  if (attribute.type !== AttributeType.UNDEFINED) return attribute.type;
  if (isFieldSet(attribute, AttributeProtoSchema.field.f)) return AttributeType.FLOAT;
  if (isFieldSet(attribute, AttributeProtoSchema.field.i)) return AttributeType.INT;
  if (isFieldSet(attribute, AttributeProtoSchema.field.s)) return AttributeType.STRING;
  if (attribute.t !== undefined) return AttributeType.TENSOR;
  if (attribute.g !== undefined) return AttributeType.GRAPH;
  if (attribute.sparseTensor !== undefined) return AttributeType.SPARSE_TENSOR;
  if (attribute.tp !== undefined) return AttributeType.TYPE_PROTO;
  if (attribute.floats.length > 0) return AttributeType.FLOATS;
  if (attribute.ints.length > 0) return AttributeType.INTS;
  if (attribute.strings.length > 0) return AttributeType.STRINGS;
  if (attribute.tensors.length > 0) return AttributeType.TENSORS;
  if (attribute.graphs.length > 0) return AttributeType.GRAPHS;
  if (attribute.sparseTensors.length > 0) return AttributeType.SPARSE_TENSORS;
  if (attribute.typeProtos.length > 0) return AttributeType.TYPE_PROTOS;
  return AttributeType.UNDEFINED;
}

/** Typed view of one AttributeProto. Throws INVALID_MODEL when its type cannot be determined. */
export function attributeValue(attribute: AttributeProto): AttributeValue {
  if (attribute.refAttrName !== '') return { type: 'ref', value: attribute.refAttrName };
  const missing = (what: string) => invalidModel(`attribute '${attribute.name}' is declared ${what} but has no value`);
  switch (typeOf(attribute)) {
    case AttributeType.FLOAT:
      return { type: 'float', value: attribute.f };
    case AttributeType.INT:
      return { type: 'int', value: attribute.i };
    case AttributeType.STRING:
      return { type: 'string', value: attribute.s };
    case AttributeType.TENSOR:
      if (attribute.t === undefined) throw missing('a tensor');
      return { type: 'tensor', value: attribute.t };
    case AttributeType.GRAPH:
      if (attribute.g === undefined) throw missing('a graph');
      return { type: 'graph', value: attribute.g };
    case AttributeType.SPARSE_TENSOR:
      if (attribute.sparseTensor === undefined) throw missing('a sparse tensor');
      return { type: 'sparse_tensor', value: attribute.sparseTensor };
    case AttributeType.TYPE_PROTO:
      if (attribute.tp === undefined) throw missing('a type');
      return { type: 'type_proto', value: attribute.tp };
    case AttributeType.FLOATS:
      return { type: 'floats', value: attribute.floats };
    case AttributeType.INTS:
      return { type: 'ints', value: attribute.ints };
    case AttributeType.STRINGS:
      return { type: 'strings', value: attribute.strings };
    case AttributeType.TENSORS:
      return { type: 'tensors', value: attribute.tensors };
    case AttributeType.GRAPHS:
      return { type: 'graphs', value: attribute.graphs };
    case AttributeType.SPARSE_TENSORS:
      return { type: 'sparse_tensors', value: attribute.sparseTensors };
    case AttributeType.TYPE_PROTOS:
      return { type: 'type_protos', value: attribute.typeProtos };
    default:
      throw invalidModel(`attribute '${attribute.name}' has no type and no value`);
  }
}

export function findAttribute(node: NodeProto, name: string): AttributeProto | undefined {
  return node.attribute.find((attribute) => attribute.name === name);
}

export function getAttribute(node: NodeProto, name: string): AttributeValue | undefined {
  const attribute = findAttribute(node, name);
  return attribute === undefined ? undefined : attributeValue(attribute);
}

function expectType<T extends AttributeTypeName>(node: NodeProto, name: string, type: T): Extract<AttributeValue, { type: T }> | undefined {
  const value = getAttribute(node, name);
  if (value === undefined) return undefined;
  if (value.type !== type) {
    throw invalidModel(`attribute '${name}' of ${node.opType} node '${node.name}' is ${value.type}, expected ${type}`);
  }
  return value as Extract<AttributeValue, { type: T }>;
}

/** An int attribute as a number (values beyond 2^53, like INT64_MAX, become the nearest double). */
export function getInt(node: NodeProto, name: string): number | undefined;
export function getInt(node: NodeProto, name: string, fallback: number): number;
export function getInt(node: NodeProto, name: string, fallback?: number): number | undefined {
  const value = expectType(node, name, 'int');
  return value === undefined ? fallback : Number(value.value);
}

export function getInts(node: NodeProto, name: string): number[] | undefined {
  return expectType(node, name, 'ints')?.value.map(Number);
}

export function getFloat(node: NodeProto, name: string): number | undefined;
export function getFloat(node: NodeProto, name: string, fallback: number): number;
export function getFloat(node: NodeProto, name: string, fallback?: number): number | undefined {
  return expectType(node, name, 'float')?.value ?? fallback;
}

export function getFloats(node: NodeProto, name: string): number[] | undefined {
  const value = expectType(node, name, 'floats');
  return value === undefined ? undefined : [...value.value];
}

export function getString(node: NodeProto, name: string): string | undefined;
export function getString(node: NodeProto, name: string, fallback: string): string;
export function getString(node: NodeProto, name: string, fallback?: string): string | undefined {
  const value = expectType(node, name, 'string');
  return value === undefined ? fallback : utf8Decoder.decode(value.value);
}

export function getStrings(node: NodeProto, name: string): string[] | undefined {
  return expectType(node, name, 'strings')?.value.map((item) => utf8Decoder.decode(item));
}

export function getTensor(node: NodeProto, name: string): TensorProto | undefined {
  return expectType(node, name, 'tensor')?.value;
}

export function getGraph(node: NodeProto, name: string): GraphProto | undefined {
  return expectType(node, name, 'graph')?.value;
}

/** What setAttribute accepts: the typed values above, with numbers allowed for ints and text for strings. */
export type AttributeInput =
  | AttributeValue
  | { readonly type: 'int'; readonly value: number | bigint }
  | { readonly type: 'ints'; readonly value: readonly (number | bigint)[] }
  | { readonly type: 'string'; readonly value: string | Uint8Array }
  | { readonly type: 'strings'; readonly value: readonly (string | Uint8Array)[] };

function toInt64(value: number | bigint, name: string): bigint {
  if (typeof value === 'bigint') {
    if (value < -(2n ** 63n) || value >= 2n ** 63n) throw invalidArgument(`Attribute '${name}' value ${value} does not fit int64`);
    return value;
  }
  if (!Number.isSafeInteger(value)) throw invalidArgument(`Expected an integer for attribute '${name}' but received ${value}`);
  return BigInt(value);
}

function toBytes(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? utf8Encoder.encode(value) : value;
}

function toFloat(value: unknown, name: string): number {
  if (typeof value !== 'number') throw invalidArgument(`Expected a number for attribute '${name}' but received ${typeof value}`);
  return value;
}

/** Builds an AttributeProto from a typed value. */
export function makeAttribute(name: string, input: AttributeInput): AttributeProto {
  const attribute = create(AttributeProtoSchema, { name });
  assignValue(attribute, input);
  return attribute;
}

function assignValue(attribute: AttributeProto, input: AttributeInput): void {
  const name = attribute.name;
  switch (input.type) {
    case 'float':
      attribute.type = AttributeType.FLOAT;
      attribute.f = toFloat(input.value, name);
      return;
    case 'int':
      attribute.type = AttributeType.INT;
      attribute.i = toInt64(input.value, name);
      return;
    case 'string':
      attribute.type = AttributeType.STRING;
      attribute.s = toBytes(input.value);
      return;
    case 'tensor':
      attribute.type = AttributeType.TENSOR;
      attribute.t = input.value;
      return;
    case 'graph':
      attribute.type = AttributeType.GRAPH;
      attribute.g = input.value;
      return;
    case 'sparse_tensor':
      attribute.type = AttributeType.SPARSE_TENSOR;
      attribute.sparseTensor = input.value;
      return;
    case 'type_proto':
      attribute.type = AttributeType.TYPE_PROTO;
      attribute.tp = input.value;
      return;
    case 'floats':
      attribute.type = AttributeType.FLOATS;
      attribute.floats = input.value.map((v) => toFloat(v, name));
      return;
    case 'ints':
      attribute.type = AttributeType.INTS;
      attribute.ints = input.value.map((v) => toInt64(v, name));
      return;
    case 'strings':
      attribute.type = AttributeType.STRINGS;
      attribute.strings = input.value.map(toBytes);
      return;
    case 'tensors':
      attribute.type = AttributeType.TENSORS;
      attribute.tensors = [...input.value];
      return;
    case 'graphs':
      attribute.type = AttributeType.GRAPHS;
      attribute.graphs = [...input.value];
      return;
    case 'sparse_tensors':
      attribute.type = AttributeType.SPARSE_TENSORS;
      attribute.sparseTensors = [...input.value];
      return;
    case 'type_protos':
      attribute.type = AttributeType.TYPE_PROTOS;
      attribute.typeProtos = [...input.value];
      return;
    case 'ref':
      attribute.refAttrName = input.value;
      return;
    default:
      throw invalidArgument(`Unknown attribute type ${JSON.stringify((input as { type: unknown }).type)} for attribute '${name}'`);
  }
}

const VALUE_FIELDS = [
  AttributeProtoSchema.field.f,
  AttributeProtoSchema.field.i,
  AttributeProtoSchema.field.s,
  AttributeProtoSchema.field.t,
  AttributeProtoSchema.field.g,
  AttributeProtoSchema.field.tp,
  AttributeProtoSchema.field.sparseTensor,
  AttributeProtoSchema.field.refAttrName,
];

/**
 * Sets (or adds) an attribute in place, keeping its position and doc string; `null` removes it.
 * Graph-valued changes alter scoping: callers going through ModelGraph get the index refreshed.
 */
export function setAttributeValue(node: NodeProto, name: string, input: AttributeInput | null): void {
  const index = node.attribute.findIndex((attribute) => attribute.name === name);
  if (input === null) {
    if (index >= 0) node.attribute.splice(index, 1);
    return;
  }
  if (index < 0) {
    node.attribute.push(makeAttribute(name, input));
    return;
  }
  const attribute = node.attribute[index];
  for (const field of VALUE_FIELDS) clearField(attribute, field);
  attribute.floats = [];
  attribute.ints = [];
  attribute.strings = [];
  attribute.tensors = [];
  attribute.graphs = [];
  attribute.sparseTensors = [];
  attribute.typeProtos = [];
  assignValue(attribute, input);
}

/** The graphs a node carries (If branches, Loop/Scan bodies, any GRAPH/GRAPHS attribute). */
export function subgraphsOf(node: NodeProto): { attribute: string; graph: GraphProto }[] {
  const found: { attribute: string; graph: GraphProto }[] = [];
  for (const attribute of node.attribute) {
    if (attribute.g !== undefined) found.push({ attribute: attribute.name, graph: attribute.g });
    for (const graph of attribute.graphs) found.push({ attribute: attribute.name, graph });
  }
  return found;
}
