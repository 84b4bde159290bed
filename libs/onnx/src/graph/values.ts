import { invalidArgument, notFound } from '../errors';
import type { Dim } from '../model-summary';
import { dataTypeInfo } from '../tensor/data-types';
import { findAttribute } from './attributes';
import type { ModelGraph } from './model-graph';
import { makeValueInfo, tensorTypeProto, valueTypeOf, type ValueType } from './value-info';

export type { ValueType } from './value-info';

const CONSTANT_SCALAR_TYPES: Record<string, { elemType: number; shape: Dim[] | null }> = {
  value_float: { elemType: 1, shape: [] },
  value_int: { elemType: 7, shape: [] },
  value_string: { elemType: 8, shape: [] },
};

/** Type and shape known for a value in this graph or an enclosing one (declared, not inferred). */
export function valueType(graph: ModelGraph, name: string): ValueType | undefined {
  for (let scope: ModelGraph | undefined = graph; scope !== undefined; scope = scope.parent) {
    const found = localValueType(scope, name);
    if (found !== undefined) return found;
    if (scope.definesValue(name)) return undefined;
  }
  return undefined;
}

function localValueType(graph: ModelGraph, name: string): ValueType | undefined {
  const proto = graph.proto;
  for (const list of [proto.input, proto.output, proto.valueInfo]) {
    const info = list.find((item) => item.name === name);
    const type = info === undefined ? undefined : valueTypeOf(info);
    if (type !== undefined) return type;
  }
  const initializer = proto.initializer.find((tensor) => tensor.name === name);
  if (initializer !== undefined) return { elemType: initializer.dataType, shape: safeDims(initializer.dims) };
  const sparse = proto.sparseInitializer.find((item) => item.values?.name === name);
  if (sparse?.values !== undefined) return { elemType: sparse.values.dataType, shape: safeDims(sparse.dims) };
  const producer = graph.producer(name);
  if (producer !== undefined && producer.opType === 'Constant' && producer.domain === '') {
    const value = findAttribute(producer, 'value');
    if (value?.t !== undefined) return { elemType: value.t.dataType, shape: safeDims(value.t.dims) };
    for (const attribute of producer.attribute) {
      const scalar = CONSTANT_SCALAR_TYPES[attribute.name];
      if (scalar !== undefined) return scalar;
      if (attribute.name === 'value_floats') return { elemType: 1, shape: [attribute.floats.length] };
      if (attribute.name === 'value_ints') return { elemType: 7, shape: [attribute.ints.length] };
      if (attribute.name === 'value_strings') return { elemType: 8, shape: [attribute.strings.length] };
    }
  }
  return undefined;
}

function safeDims(dims: bigint[]): Dim[] | null {
  return dims.every((dim) => dim >= 0n && dim <= BigInt(Number.MAX_SAFE_INTEGER)) ? dims.map(Number) : null;
}

function checkElemType(elemType: number, what: string): void {
  if (dataTypeInfo(elemType) === undefined) throw invalidArgument(`Expected an ONNX data type number for ${what} but received ${elemType}`);
}

/** Updates the graph input/output declaring `name`, or records it in value_info. */
export function setValueInfo(graph: ModelGraph, name: string, elemType: number, shape: readonly Dim[] | null): void {
  checkElemType(elemType, `value '${name}'`);
  const proto = graph.proto;
  let updated = false;
  for (const list of [proto.input, proto.output, proto.valueInfo]) {
    for (const info of list) {
      if (info.name !== name) continue;
      info.type = tensorTypeProto(elemType, shape);
      updated = true;
    }
  }
  if (!updated) proto.valueInfo.push(makeValueInfo(name, elemType, shape));
  graph.model.invalidate();
}

/** Rewrites the declared types of `name` where they are declared already (after a weight changed type or shape). */
export function updateDeclaredType(graph: ModelGraph, name: string, elemType: number, shape: readonly Dim[]): void {
  const proto = graph.proto;
  for (const list of [proto.input, proto.output, proto.valueInfo]) {
    for (const info of list) {
      if (info.name !== name) continue;
      const current = valueTypeOf(info);
      const same = current !== undefined && current.elemType === elemType && sameShape(current.shape, shape);
      if (!same) info.type = tensorTypeProto(elemType, shape);
    }
  }
}

function sameShape(a: readonly Dim[] | null, b: readonly Dim[]): boolean {
  return a !== null && a.length === b.length && a.every((dim, i) => dim === b[i]);
}

export function addGraphInput(graph: ModelGraph, name: string, elemType: number, shape: readonly Dim[] | null): void {
  checkElemType(elemType, `input '${name}'`);
  if (graph.scopeOf(name) !== undefined) throw invalidArgument(`Value '${name}' already exists in ${graph.describe()}`);
  graph.proto.input.push(makeValueInfo(name, elemType, shape));
  graph.model.invalidate();
}

export function addGraphOutput(graph: ModelGraph, name: string, elemType: number, shape: readonly Dim[] | null): void {
  checkElemType(elemType, `output '${name}'`);
  graph.proto.output.push(makeValueInfo(name, elemType, shape));
  graph.model.invalidate();
}

export function removeGraphInput(graph: ModelGraph, name: string): void {
  const index = graph.proto.input.findIndex((info) => info.name === name);
  if (index < 0) throw notFound(`No input named '${name}' in ${graph.describe()}`);
  graph.proto.input.splice(index, 1);
  graph.model.invalidate();
}

export function removeGraphOutput(graph: ModelGraph, name: string): void {
  const index = graph.proto.output.findIndex((info) => info.name === name);
  if (index < 0) throw notFound(`No output named '${name}' in ${graph.describe()}`);
  graph.proto.output.splice(index, 1);
  graph.model.invalidate();
}
