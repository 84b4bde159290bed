import type { NodeView } from '../context/model-api';
import type { GraphIndex } from './graph-index';
import { isOnnxOp } from './node-attributes';

/** One step of a chain: an op type, a set of op types, or a predicate on the node. */
export type ChainStep = string | readonly string[] | ((node: NodeView, index: GraphIndex) => boolean);

function matches(step: ChainStep, node: NodeView, index: GraphIndex): boolean {
  if (typeof step === 'function') return step(node, index);
  return typeof step === 'string' ? isOnnxOp(node, step) : isOnnxOp(node, ...step);
}

/**
 * Follows `start` through the sole consumers of each node's first output while the steps match
 * (e.g. ['Conv', 'BatchNormalization', ['Relu', 'Clip']]). Every intermediate value must have
 * exactly one reader and not be a graph output, so the chain can be rewritten as one unit.
 * Returns the matched nodes, or undefined when the chain breaks before the last step.
 */
export function followChain(index: GraphIndex, start: NodeView, steps: readonly ChainStep[]): NodeView[] | undefined {
  if (steps.length === 0 || !matches(steps[0], start, index)) return undefined;
  const chain = [start];
  let current = start;
  for (const step of steps.slice(1)) {
    const use = index.soleConsumer(current.outputs[0] ?? '');
    if (use === undefined || !matches(step, use.node, index)) return undefined;
    chain.push(use.node);
    current = use.node;
  }
  return chain;
}

/** Every chain in the graph that matches `steps`, in node order (chains may share no node). */
export function findChains(index: GraphIndex, steps: readonly ChainStep[]): NodeView[][] {
  const found: NodeView[][] = [];
  const taken = new Set<NodeView>();
  for (const node of index.view.nodes) {
    if (taken.has(node)) continue;
    const chain = followChain(index, node, steps);
    if (chain === undefined || chain.some((member) => taken.has(member))) continue;
    for (const member of chain) taken.add(member);
    found.push(chain);
  }
  return found;
}

