import type { NodeView } from '@edgepress/plugin-sdk';
import { intAttribute, intsAttribute } from '@edgepress/plugin-sdk/toolkit';
import { clampedIntegers, integers, notFoldable, type ConstTensor } from '../const-tensor';
import { cast } from './cast';
import { BINARY_ARITHMETIC, COMPARISONS, evaluateBroadcast, evaluateUnary, evaluateWhere, LOGICAL, UNARY } from './elementwise';
import { concat, constantOfShape, expand, flatten, gather, range, reshape, shapeOf, slice, squeeze, transpose, unsqueeze } from './shape-ops';

/** Operators this folder evaluates (default ONNX domain), plus Shape/Size from static shapes. */
export const FOLDABLE_OPS = new Set([
  ...BINARY_ARITHMETIC, ...COMPARISONS, ...LOGICAL, ...UNARY,
  'Where', 'Cast', 'Reshape', 'Flatten', 'Squeeze', 'Unsqueeze', 'Transpose', 'Concat', 'Slice', 'Gather', 'Expand',
  'Shape', 'Size', 'ConstantOfShape', 'Range',
]);

function input(inputs: ReadonlyArray<ConstTensor | undefined>, index: number): ConstTensor {
  return inputs[index] ?? notFoldable(`input ${index} is missing`);
}

/** Axes from the attribute (older opsets) or the optional second input (opset 13+). */
function axesOf(node: NodeView, inputs: ReadonlyArray<ConstTensor | undefined>): number[] | undefined {
  return intsAttribute(node, 'axes')?.slice() ?? (inputs[1] === undefined ? undefined : integers(inputs[1]));
}

/**
 * Evaluates one node on constant inputs (undefined for absent optional inputs). `inputDims` gives
 * the static shape of input 0 for Shape/Size, whose data need not be constant. Throws NotFoldable
 * for anything it cannot compute exactly.
 */
export function evaluateNode(
  node: NodeView,
  inputs: ReadonlyArray<ConstTensor | undefined>,
  opset: number,
  extras: { readonly inputDims?: readonly number[]; readonly valueAttribute?: ConstTensor } = {},
): ConstTensor[] {
  const inputDims = extras.inputDims;
  const op = node.opType;
  if (BINARY_ARITHMETIC.has(op) || COMPARISONS.has(op) || LOGICAL.has(op)) {
    const present = inputs.map((value, i) => value ?? input(inputs, i));
    if ((op === 'Min' || op === 'Max' ? present.length < 1 : present.length !== 2)) notFoldable(`${op} arity`);
    return [evaluateBroadcast(op, present)];
  }
  if (UNARY.has(op)) return [evaluateUnary(op, input(inputs, 0))];
  switch (op) {
    case 'Where':
      return [evaluateWhere([input(inputs, 0), input(inputs, 1), input(inputs, 2)])];
    case 'Cast':
      return [cast(input(inputs, 0), intAttribute(node, 'to', 0))];
    case 'Reshape':
      return [reshape(input(inputs, 0), integers(input(inputs, 1)), intAttribute(node, 'allowzero', 0) === 1)];
    case 'Flatten':
      return [flatten(input(inputs, 0), intAttribute(node, 'axis', 1))];
    case 'Squeeze':
      return [squeeze(input(inputs, 0), axesOf(node, inputs))];
    case 'Unsqueeze':
      return [unsqueeze(input(inputs, 0), axesOf(node, inputs) ?? notFoldable('Unsqueeze without axes'))];
    case 'Transpose':
      return [transpose(input(inputs, 0), intsAttribute(node, 'perm'))];
    case 'Concat':
      return [concat(inputs.map((_, i) => input(inputs, i)), intAttribute(node, 'axis', 0))];
    case 'Slice': {
      if (opset < 10) {
        const starts = intsAttribute(node, 'starts') ?? notFoldable('Slice without starts');
        return [slice(input(inputs, 0), starts, intsAttribute(node, 'ends') ?? notFoldable('Slice without ends'), intsAttribute(node, 'axes'))];
      }
      const optional = (i: number) => (inputs[i] === undefined ? undefined : clampedIntegers(inputs[i]!));
      return [slice(input(inputs, 0), clampedIntegers(input(inputs, 1)), clampedIntegers(input(inputs, 2)), optional(3), optional(4))];
    }
    case 'Gather':
      return [gather(input(inputs, 0), input(inputs, 1), intAttribute(node, 'axis', 0))];
    case 'Expand':
      return [expand(input(inputs, 0), integers(input(inputs, 1)))];
    case 'Shape': {
      const dims = inputDims ?? inputs[0]?.dims ?? notFoldable('Shape of a value of unknown shape');
      const end = node.attributes.end;
      return [shapeOf(dims, intAttribute(node, 'start', 0), end?.type === 'int' ? end.value : undefined)];
    }
    case 'Size': {
      const dims = inputDims ?? inputs[0]?.dims ?? notFoldable('Size of a value of unknown shape');
      return [{ dataType: 'int64', dims: [], values: BigInt64Array.of(BigInt(dims.reduce((a, b) => a * b, 1))) }];
    }
    case 'ConstantOfShape': {
      if (node.attributes.value !== undefined && extras.valueAttribute === undefined) notFoldable('ConstantOfShape value was not read');
      return [constantOfShape(integers(input(inputs, 0)), extras.valueAttribute)];
    }
    case 'Range':
      return [range(input(inputs, 0), input(inputs, 1), input(inputs, 2))];
    default:
      return notFoldable(`${op} is not evaluated`);
  }
}
