import type { DataTypeName } from '@edgepress/plugin-sdk';
import { allocate, notFoldable, type ConstTensor } from '../const-tensor';
import { broadcastInputs } from './broadcast';

/**
 * Elementwise operators, computed exactly as IEEE-754 float32/float64 and two's-complement
 * integers do: float32 results are formed in float64 and rounded once when stored, which gives
 * the correctly rounded float32 result for +, -, *, / and sqrt (float64 has more than twice the
 * precision). Anything whose result could differ from ONNX Runtime's (NaN handling of Min/Max,
 * transcendental functions, integer division by zero) is refused.
 */

const FLOATS = new Set<DataTypeName>(['float', 'double']);
const SMALL_INTS = new Set<DataTypeName>(['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32']);
const BIG_INTS = new Set<DataTypeName>(['int64', 'uint64']);

type Num = number | bigint;

function requireSameType(inputs: readonly ConstTensor[]): DataTypeName {
  const type = inputs[0].dataType;
  if (inputs.some((input) => input.dataType !== type)) notFoldable('inputs of different types');
  if (!FLOATS.has(type) && !SMALL_INTS.has(type) && !BIG_INTS.has(type) && type !== 'bool') notFoldable(`${type} arithmetic is not folded`);
  return type;
}

function wrap64(value: bigint, type: DataTypeName): bigint {
  return type === 'int64' ? BigInt.asIntN(64, value) : BigInt.asUintN(64, value);
}

function arithmetic(op: string, type: DataTypeName, a: Num, b: Num): Num {
  if (BIG_INTS.has(type)) {
    const [x, y] = [a as bigint, b as bigint];
    switch (op) {
      case 'Add':
        return wrap64(x + y, type);
      case 'Sub':
        return wrap64(x - y, type);
      case 'Mul':
        return wrap64(x * y, type);
      case 'Div':
        if (y === 0n) notFoldable('integer division by zero');
        return wrap64(x / y, type);
      case 'Min':
        return x < y ? x : y;
      default:
        return x > y ? x : y;
    }
  }
  const [x, y] = [a as number, b as number];
  if (FLOATS.has(type) && (op === 'Min' || op === 'Max') && (Number.isNaN(x) || Number.isNaN(y))) notFoldable('Min/Max of NaN');
  switch (op) {
    case 'Add':
      return x + y;
    case 'Sub':
      return x - y;
    case 'Mul':
      return FLOATS.has(type) ? x * y : type === 'uint32' ? Math.imul(x, y) >>> 0 : Math.imul(x, y);
    case 'Div':
      if (FLOATS.has(type)) return x / y;
      if (y === 0) notFoldable('integer division by zero');
      return Math.trunc(x / y);
    case 'Min':
      return Math.min(x, y);
    default:
      return Math.max(x, y);
  }
}

function compare(op: string, a: Num, b: Num): boolean {
  switch (op) {
    case 'Equal':
      return a === b;
    case 'Less':
      return a < b;
    case 'LessOrEqual':
      return a <= b;
    case 'Greater':
      return a > b;
    default:
      return a >= b;
  }
}

export const BINARY_ARITHMETIC = new Set(['Add', 'Sub', 'Mul', 'Div', 'Min', 'Max']);
export const COMPARISONS = new Set(['Equal', 'Less', 'LessOrEqual', 'Greater', 'GreaterOrEqual']);
export const LOGICAL = new Set(['And', 'Or', 'Xor']);

/** Add/Sub/Mul/Div (two inputs), Min/Max (any number), comparisons and logical operators. */
export function evaluateBroadcast(op: string, inputs: readonly ConstTensor[]): ConstTensor {
  if (inputs.length === 0 || inputs.some((input) => Array.isArray(input.values))) notFoldable('no numeric inputs');
  const type = requireSameType(inputs);
  if (type === 'bool' && !LOGICAL.has(op) && op !== 'Equal') notFoldable(`${op} of bool`);
  if (LOGICAL.has(op) && type !== 'bool') notFoldable(`${op} of ${type}`);
  const { dims, maps } = broadcastInputs(inputs);
  const values = inputs.map((input) => input.values as ArrayLike<Num>);
  const boolean = COMPARISONS.has(op) || LOGICAL.has(op);
  const out = allocate(boolean ? 'bool' : type, maps[0].length);
  const sink = out as unknown as Num[];
  for (let i = 0; i < maps[0].length; i++) {
    if (boolean) {
      const [a, b] = [values[0][maps[0][i]], values[1][maps[1][i]]];
      const result = LOGICAL.has(op) ? (op === 'And' ? a && b : op === 'Or' ? a || b : a !== b) : compare(op, a, b);
      sink[i] = result ? 1 : 0;
      continue;
    }
    let accumulator = values[0][maps[0][i]];
    for (let k = 1; k < inputs.length; k++) accumulator = arithmetic(op, type, accumulator, values[k][maps[k][i]]);
    sink[i] = accumulator;
  }
  return { dataType: boolean ? 'bool' : type, dims, values: out };
}

/** Where(condition, x, y). */
export function evaluateWhere(inputs: readonly ConstTensor[]): ConstTensor {
  const [condition, x, y] = inputs;
  if (condition.dataType !== 'bool' || x.dataType !== y.dataType || Array.isArray(x.values) || Array.isArray(y.values)) notFoldable('Where with unsupported types');
  const { dims, maps } = broadcastInputs(inputs);
  const out = allocate(x.dataType, maps[0].length) as unknown as Num[];
  const [c, a, b] = [condition.values as Uint8Array, x.values as ArrayLike<Num>, y.values as ArrayLike<Num>];
  for (let i = 0; i < out.length; i++) out[i] = c[maps[0][i]] ? a[maps[1][i]] : b[maps[2][i]];
  return { dataType: x.dataType, dims, values: out as never };
}

export const UNARY = new Set(['Neg', 'Abs', 'Sqrt', 'Reciprocal', 'Floor', 'Ceil', 'Relu', 'Not', 'Identity']);

export function evaluateUnary(op: string, input: ConstTensor): ConstTensor {
  if (Array.isArray(input.values)) notFoldable('string tensors');
  if (op === 'Identity') return input;
  const type = input.dataType;
  const float = FLOATS.has(type);
  if ((op === 'Sqrt' || op === 'Reciprocal' || op === 'Floor' || op === 'Ceil') && !float) notFoldable(`${op} of ${type}`);
  if (op === 'Not' && type !== 'bool') notFoldable(`Not of ${type}`);
  if (!float && !SMALL_INTS.has(type) && !BIG_INTS.has(type) && type !== 'bool') notFoldable(`${op} of ${type}`);
  const values = input.values as ArrayLike<Num>;
  const out = allocate(type, values.length) as unknown as Num[];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'bigint') {
      out[i] = op === 'Neg' ? wrap64(-v, type) : op === 'Abs' ? wrap64(v < 0n ? -v : v, type) : op === 'Relu' ? (v < 0n ? 0n : v) : notFoldable(`${op} of ${type}`);
      continue;
    }
    switch (op) {
      case 'Neg':
        out[i] = -v;
        break;
      case 'Abs':
        out[i] = Math.abs(v);
        break;
      case 'Sqrt':
        out[i] = Math.sqrt(v);
        break;
      case 'Reciprocal':
        out[i] = 1 / v;
        break;
      case 'Floor':
        out[i] = Math.floor(v);
        break;
      case 'Ceil':
        out[i] = Math.ceil(v);
        break;
      case 'Relu':
        out[i] = v < 0 ? 0 : v;
        break;
      default:
        out[i] = v ? 0 : 1;
    }
  }
  return { dataType: type, dims: input.dims, values: out as never };
}
