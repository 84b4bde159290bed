/**
 * Node attributes between libs/onnx (int64 as bigint, strings as bytes, tensors as protos) and the
 * SDK (numbers, strings, tensor handles). Attribute values from a plugin are untrusted: each is
 * checked for type and size before it becomes an AttributeProto. Tests: attributes.test.ts.
 *
 * Conversions: a bare integer number is an INT attribute and any other number a FLOAT (use
 * `{ type: 'float', value: 1 }` for a float that happens to be whole), except over an existing
 * FLOAT(S) attribute, which stays float; number lists are INTS when every entry is an integer; integers beyond 2^53 (Slice's INT64_MAX ends, which read back as
 * 2^63) are clamped to the int64 range. Sparse-tensor, type and tensor-list attributes are not
 * shown to plugins (the SDK has no form for them); graphs are shown as `{ type: 'graph' }`.
 */
import type { AttributeValue as SdkAttributeValue } from '@edgepress/plugin-sdk';
import { decodeTensor, encodeTensor, getAttribute, type AttributeInput, type NodeProto, type OnnxModel } from '@edgepress/onnx';
import { describeValue, expectOptions, invalidArgument } from './arguments';
import { sdkDataTypeOf } from './sdk-tensors';
import type { TensorTable } from './tensor-table';

/** Longest attribute list accepted from a plugin. */
const MAX_ATTRIBUTE_LIST = 1_000_000;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const utf8 = new TextDecoder();

function toInt64(value: number): bigint {
  const big = BigInt(value);
  return big < INT64_MIN ? INT64_MIN : big > INT64_MAX ? INT64_MAX : big;
}

/** The attributes of a node as the plugin sees them. */
export function attributesToSdk(node: NodeProto, model: OnnxModel, table: TensorTable): Record<string, SdkAttributeValue> {
  const result: Record<string, SdkAttributeValue> = {};
  for (const { name } of node.attribute) {
    const value = getAttribute(node, name);
    if (value === undefined) continue;
    switch (value.type) {
      case 'float':
      case 'floats':
        result[name] = value.type === 'float' ? { type: 'float', value: value.value } : { type: 'floats', value: [...value.value] };
        break;
      case 'int':
        result[name] = { type: 'int', value: Number(value.value) };
        break;
      case 'ints':
        result[name] = { type: 'ints', value: value.value.map(Number) };
        break;
      case 'string':
        result[name] = { type: 'string', value: utf8.decode(value.value) };
        break;
      case 'strings':
        result[name] = { type: 'strings', value: value.value.map((item) => utf8.decode(item)) };
        break;
      case 'tensor': {
        const proto = value.value;
        if (sdkDataTypeOf(proto.dataType) === undefined) break;
        const where = `attribute '${name}' of node '${node.name}'`;
        const dims = proto.dims.map(Number);
        result[name] = { type: 'tensor', value: table.view(proto, proto.dataType, dims, () => decodeTensor(proto, { limits: model.limits, where, externalData: model.externalData.get(proto) })) };
        break;
      }
      case 'graph':
        result[name] = { type: 'graph' };
        break;
      case 'graphs':
        result[name] = { type: 'graphs' };
        break;
      default:
        break;
    }
  }
  return result;
}

function numberList(value: unknown, what: string): number[] {
  if (!Array.isArray(value) || value.length > MAX_ATTRIBUTE_LIST || !value.every((item) => typeof item === 'number')) {
    throw invalidArgument(`Expected an array of at most ${MAX_ATTRIBUTE_LIST} numbers for ${what} but received ${describeValue(value)}`);
  }
  return value as number[];
}

function intList(values: readonly number[], what: string): bigint[] {
  return values.map((item, index) => {
    if (!Number.isInteger(item)) throw invalidArgument(`Expected an integer for ${what}[${index}] but received ${item}`);
    return toInt64(item);
  });
}

/**
 * One attribute value from a plugin, as libs/onnx's AttributeInput. `current` is the type of the
 * attribute being replaced: bare numbers written over a FLOAT(S) attribute stay floats.
 */
export function attributeFromSdk(value: unknown, what: string, table: TensorTable, current?: string): AttributeInput {
  const floats = current === 'float' || current === 'floats';
  if (typeof value === 'number') return Number.isInteger(value) && !floats ? { type: 'int', value: toInt64(value) } : { type: 'float', value };
  if (typeof value === 'string') return { type: 'string', value };
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((item) => typeof item === 'string')) return { type: 'strings', value: value as string[] };
    const numbers = numberList(value, what);
    return numbers.every(Number.isInteger) && !floats ? { type: 'ints', value: intList(numbers, what) } : { type: 'floats', value: numbers };
  }
  const typed = expectOptions(value, what, ['type', 'value'], true);
  switch (typed.type) {
    case 'int':
      if (typeof typed.value !== 'number' || !Number.isInteger(typed.value)) throw invalidArgument(`Expected an integer for ${what}.value but received ${describeValue(typed.value)}`);
      return { type: 'int', value: toInt64(typed.value) };
    case 'float':
      if (typeof typed.value !== 'number') throw invalidArgument(`Expected a number for ${what}.value but received ${describeValue(typed.value)}`);
      return { type: 'float', value: typed.value };
    case 'ints':
      return { type: 'ints', value: intList(numberList(typed.value, `${what}.value`), `${what}.value`) };
    case 'floats':
      return { type: 'floats', value: numberList(typed.value, `${what}.value`) };
    case 'tensor':
      return { type: 'tensor', value: encodeTensor({ ...table.tensor(typed.value, `${what}.value`), name: '' }) };
    default:
      throw invalidArgument(`Expected ${what}.type to be one of "int", "float", "ints", "floats", "tensor" but received ${describeValue(typed.type)}`);
  }
}
