import type { NodeView } from '../context/model-api';

/** Typed attribute reads with ONNX defaults, for rewrites that need a node's hyper-parameters. */

export function intAttribute(node: NodeView, name: string, fallback: number): number {
  const attribute = node.attributes[name];
  return attribute?.type === 'int' ? attribute.value : fallback;
}

export function floatAttribute(node: NodeView, name: string, fallback: number): number {
  const attribute = node.attributes[name];
  return attribute?.type === 'float' ? attribute.value : fallback;
}

export function intsAttribute(node: NodeView, name: string): readonly number[] | undefined {
  const attribute = node.attributes[name];
  return attribute?.type === 'ints' ? attribute.value : undefined;
}

export function floatsAttribute(node: NodeView, name: string): readonly number[] | undefined {
  const attribute = node.attributes[name];
  return attribute?.type === 'floats' ? attribute.value : undefined;
}

export function stringAttribute(node: NodeView, name: string, fallback: string): string {
  const attribute = node.attributes[name];
  return attribute?.type === 'string' ? attribute.value : fallback;
}

/** True for an operator of the default ONNX domain with this op type. */
export function isOnnxOp(node: NodeView, ...opTypes: readonly string[]): boolean {
  return (node.domain === '' || node.domain === 'ai.onnx') && opTypes.includes(node.opType);
}
