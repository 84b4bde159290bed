import type { NodeProto } from '../gen/onnx_pb';
import { attributeValue, type AttributeValue } from './attributes';

/** "Conv node 'conv1'", or "Constant node (-> 'w0')" for an unnamed node: how messages name nodes. */
export function describeNode(node: NodeProto): string {
  const op = node.opType === '' ? 'node' : `${node.opType} node`;
  if (node.name !== '') return `${op} '${node.name}'`;
  const outputs = node.output.filter((output) => output !== '');
  return outputs.length > 0 ? `${op} (-> '${outputs[0]}')` : `unnamed ${op}`;
}

/** A plain-data view of a node, as the host bridge hands it to plugins. */
export interface NodeInfo {
  readonly name: string;
  readonly opType: string;
  /** '' for the default ONNX domain. */
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

export function nodeInfo(node: NodeProto): NodeInfo {
  const attributes: Record<string, AttributeValue> = {};
  for (const attribute of node.attribute) attributes[attribute.name] = attributeValue(attribute);
  return {
    name: node.name,
    opType: node.opType,
    domain: normalizeDomain(node.domain),
    inputs: [...node.input],
    outputs: [...node.output],
    attributes,
  };
}

/** 'ai.onnx' is another spelling of the default domain ''. */
export function normalizeDomain(domain: string): string {
  return domain === 'ai.onnx' ? '' : domain;
}
