import type { NodeView, StageContext } from '@edgepress/plugin-sdk';
import { GraphIndex } from '@edgepress/plugin-sdk/toolkit';
import { count, NotFoldable, type ConstTensor } from './const-tensor';
import { evaluateNode, FOLDABLE_OPS } from './ops/evaluate-node';

export interface FoldConstantsOptions {
  /** Largest tensor (elements) read, computed or stored by folding. */
  readonly maxElements: number;
  /** Leave nodes whose outputs hold more elements than their inputs together (beyond this many): folding them would grow the file. */
  readonly growthAllowance: number;
}

export interface FoldConstantsReport {
  readonly nodesFolded: number;
  readonly weightsAdded: number;
  /** Why foldable-looking nodes stayed, by reason, with counts. */
  readonly kept: ReadonlyMap<string, number>;
}

function staticDims(index: GraphIndex, value: string): number[] | undefined {
  const shape = index.shape(value);
  return shape !== undefined && shape.every((dim): dim is number => typeof dim === 'number' && dim >= 0) ? [...shape] : undefined;
}

/**
 * Constant folding: evaluates, in graph order, every node whose inputs are all weights or folded
 * values (and Shape/Size of values whose shape is static), with exact TypeScript implementations
 * of the common operators, then replaces the folded values that are still read by initializers
 * and removes the folded nodes and the weights only they read. Nodes it cannot compute exactly,
 * or that produce graph outputs, stay.
 */
export async function foldConstants(ctx: StageContext, options: FoldConstantsOptions): Promise<FoldConstantsReport> {
  const index = new GraphIndex(await ctx.model.graph());
  const opset = index.view.opsets[''] ?? index.view.opsets['ai.onnx'] ?? 1;
  const known = new Map<string, ConstTensor>();
  const kept = new Map<string, number>();
  const keep = (reason: string) => kept.set(reason, (kept.get(reason) ?? 0) + 1);
  const folded: NodeView[] = [];

  const constant = async (name: string): Promise<ConstTensor | undefined> => {
    const have = known.get(name);
    if (have !== undefined) return have;
    const weight = index.weight(name);
    if (weight === undefined || count(weight.dims) > options.maxElements) return undefined;
    const data = await ctx.tensors.read(weight.tensor);
    known.set(name, data);
    return data;
  };

  nodes: for (const node of index.view.nodes) {
    ctx.signal.throwIfAborted();
    if (index.isWeightNode(node) || !(node.domain === '' || node.domain === 'ai.onnx') || !FOLDABLE_OPS.has(node.opType)) continue;
    if (node.name === '' || node.outputs.some((output) => index.isGraphOutput(output))) continue;
    const byShape = node.opType === 'Shape' || node.opType === 'Size';
    const inputDims = byShape ? (staticDims(index, node.inputs[0]) ?? known.get(node.inputs[0])?.dims) : undefined;
    if (byShape && inputDims === undefined) continue;
    const inputs: (ConstTensor | undefined)[] = [];
    for (const name of byShape ? [] : node.inputs) {
      if (name === '') {
        inputs.push(undefined);
        continue;
      }
      const value = await constant(name);
      if (value === undefined) continue nodes;
      inputs.push(value);
    }
    const valueAttribute = node.attributes.value;
    const extras = {
      inputDims,
      valueAttribute: valueAttribute?.type === 'tensor' ? await ctx.tensors.read(valueAttribute.value) : undefined,
    };
    let outputs: ConstTensor[];
    try {
      outputs = evaluateNode(node, inputs, opset, extras);
    } catch (error) {
      if (!(error instanceof NotFoldable)) throw error;
      keep(`${node.opType}: ${error.message}`);
      continue;
    }
    const inputElements = inputs.reduce((sum, value) => sum + (value === undefined ? 0 : count(value.dims)), 0);
    const outputElements = outputs.reduce((sum, value) => sum + count(value.dims), 0);
    if (outputs.some((value) => count(value.dims) > options.maxElements) || outputElements > Math.max(inputElements, options.growthAllowance)) {
      keep(`${node.opType}: its result would be larger than its inputs`);
      continue;
    }
    node.outputs.forEach((name, i) => {
      if (name !== '' && outputs[i] !== undefined) known.set(name, outputs[i]);
    });
    folded.push(node);
  }
  if (folded.length === 0) return { nodesFolded: 0, weightsAdded: 0, kept };

  const foldedSet = new Set(folded);
  const stillRead = folded.flatMap((node) => node.outputs.filter((output) => output !== '' && index.consumers(output).some((use) => !foldedSet.has(use.node))));
  await ctx.model.removeNodes(folded.map((node) => node.name));
  for (const name of stillRead) {
    const value = known.get(name)!;
    const handle = await ctx.tensors.write(value);
    await ctx.model.setWeight(name, handle);
    await ctx.tensors.release([handle]);
  }
  const after = new GraphIndex(await ctx.model.graph());
  const orphans = index.view.weights.filter((weight) => !index.isUnread(weight.name) && after.isWeight(weight.name) && after.isUnread(weight.name));
  if (orphans.length > 0) await ctx.model.removeWeights(orphans.map((weight) => weight.name));
  return { nodesFolded: folded.length, weightsAdded: stillRead.length, kept };
}
