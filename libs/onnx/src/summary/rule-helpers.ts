import type { NodeProto } from '../gen/onnx_pb';
import { getAttribute, getInt } from '../graph/attributes';
import type { Dim } from '../model-summary';
import type { ConstValue } from './constant-values';
import type { InferredValue } from './dims';

/** What a shape rule sees of one node: its inputs' inferred types/shapes and constant values. */
export interface RuleInput {
  readonly node: NodeProto;
  readonly opset: number;
  readonly inputs: readonly (InferredValue | undefined)[];
  readonly consts: readonly (ConstValue | undefined)[];
}

/** Output types and shapes, by output position (undefined: not known). */
export type ShapeRule = (input: RuleInput) => (InferredValue | undefined)[];

export function shapeAt(input: RuleInput, index: number): Dim[] | null {
  return input.inputs[index]?.shape ?? null;
}

export function typeAt(input: RuleInput, index: number): number {
  return input.inputs[index]?.elemType ?? 0;
}

export function hasInput(input: RuleInput, index: number): boolean {
  return (input.node.input[index] ?? '') !== '';
}

/** A constant input's values as integers, when all are known. */
export function constInts(input: RuleInput, index: number): number[] | undefined {
  const value = input.consts[index];
  if (value === undefined || value.values.some((v) => v === null)) return undefined;
  return value.values as number[];
}

export function attrInts(node: NodeProto, name: string): number[] | undefined {
  const value = getAttribute(node, name);
  if (value?.type === 'ints') return value.value.map(Number);
  return undefined;
}

export function attrFloats(node: NodeProto, name: string): number[] | undefined {
  const value = getAttribute(node, name);
  return value?.type === 'floats' ? [...value.value] : undefined;
}

/** An axes list given as an attribute before `inputFromOpset`, as constant input `index` from then on. */
export function axesOf(input: RuleInput, inputFromOpset: number, index = 1): number[] | undefined | 'none' {
  if (input.opset < inputFromOpset) return attrInts(input.node, 'axes') ?? 'none';
  if (!hasInput(input, index)) return 'none';
  return constInts(input, index);
}

export function same(input: RuleInput, index = 0, elemType?: number): InferredValue | undefined {
  const value = input.inputs[index];
  if (value === undefined) return elemType === undefined ? undefined : { elemType, shape: null };
  return { elemType: elemType ?? value.elemType, shape: value.shape };
}

export function intAttr(node: NodeProto, name: string, fallback: number): number {
  return getInt(node, name, fallback);
}
