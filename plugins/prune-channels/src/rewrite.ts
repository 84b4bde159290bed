import type { NodeView, StageContext } from '@edgepress/plugin-sdk';
import { keptIndices, readFloatWeight, takeAlongAxis, writeWeight, type GraphIndex } from '@edgepress/plugin-sdk/toolkit';
import type { ChannelFlow } from './channel-flow';
import type { ResolvedGroups } from './channel-groups';
import type { BiasDelta } from './compensation';

/** One slice of a node's weight input: keep `keep` along `axis`. */
interface Slice {
  readonly axis: number;
  readonly keep: readonly number[];
}

/** One node input reading a weight, with what must happen to the values it sees. */
interface WeightUse {
  readonly node: NodeView;
  readonly input: number;
  readonly slices: readonly Slice[];
  readonly delta: Float64Array | undefined;
}

/**
 * Kept channel indices of every group that changes: the pruned groups, then the Concat outputs
 * whose segments changed (in graph order, so nested Concats see their inputs' result).
 */
export function keptChannels(flow: ChannelFlow, resolved: ResolvedGroups, removed: ReadonlyMap<number, readonly number[]>): Map<number, number[]> {
  const kept = new Map<number, number[]>();
  for (const [root, indices] of removed) kept.set(root, keptIndices(resolved.groups.get(root)!.channels, indices));
  for (const concat of flow.concats) {
    const combined: number[] = [];
    let changed = false;
    for (const segment of concat.segments) {
      const segmentKeep = kept.get(resolved.root(segment.space));
      if (segmentKeep !== undefined) changed = true;
      for (const index of segmentKeep ?? keptIndices(segment.channels, [])) combined.push(segment.offset + index);
    }
    if (changed) kept.set(resolved.root(concat.space), combined);
  }
  return kept;
}

class SlicePlan {
  readonly byNode = new Map<NodeView, Map<number, Slice[]>>();
  /** Kept output channels of each pruned producer (a bias created for it must follow them). */
  readonly outputKeep = new Map<NodeView, readonly number[]>();

  add(node: NodeView, input: number, axis: number, keep: readonly number[]): void {
    let byInput = this.byNode.get(node);
    if (byInput === undefined) this.byNode.set(node, (byInput = new Map()));
    byInput.set(input, [...(byInput.get(input) ?? []), { axis, keep }]);
  }

  ensure(node: NodeView, input: number): void {
    let byInput = this.byNode.get(node);
    if (byInput === undefined) this.byNode.set(node, (byInput = new Map()));
    if (!byInput.has(input)) byInput.set(input, []);
  }
}

function planSlices(resolved: ResolvedGroups, kept: ReadonlyMap<number, readonly number[]>): SlicePlan {
  const plan = new SlicePlan();
  for (const [root, keep] of kept) {
    const group = resolved.groups.get(root)!;
    for (const layer of group.sources) {
      plan.add(layer.node, 1, layer.weightOutAxis, keep);
      plan.outputKeep.set(layer.node, keep);
    }
    for (const layer of group.sinks) plan.add(layer.node, 1, layer.weightInAxis, keep);
    for (const edit of group.edits) plan.add(edit.node, edit.input, edit.axis, keep);
  }
  return plan;
}

function useKey(use: WeightUse): string {
  const slices = [...use.slices].sort((a, b) => a.axis - b.axis).map((slice) => [slice.axis, slice.keep]);
  return JSON.stringify(slices) + (use.delta === undefined ? '' : `#${use.node.name}`);
}

/** Adds a per-output-channel delta along the last axis (a bias [C], Gemm's C [1, N] or [M, N]). */
function withDelta(values: Float32Array, delta: Float64Array): Float64Array {
  const out = Float64Array.from(values);
  for (let i = 0; i < out.length; i++) out[i] += delta[i % delta.length];
  return out;
}

/**
 * Slices every affected weight, applies bias compensation, and rewires readers. A weight read by
 * several nodes that need different values (or by a node that needs none) is copied per variant.
 */
export async function applyPruning(
  ctx: StageContext,
  index: GraphIndex,
  flow: ChannelFlow,
  resolved: ResolvedGroups,
  kept: ReadonlyMap<number, readonly number[]>,
  deltas: readonly BiasDelta[] = [],
): Promise<void> {
  const plan = planSlices(resolved, kept);
  const deltaOf = new Map(deltas.map((entry) => [entry.node, entry.delta]));
  const newBiases: NodeView[] = [];
  for (const { node, delta } of deltas) {
    const bias = node.inputs[2] ?? '';
    const weight = index.weight(bias);
    const lastDim = weight?.dims[weight.dims.length - 1];
    if (bias === '') newBiases.push(node);
    else if (weight !== undefined && lastDim === delta.length) plan.ensure(node, 2);
    else deltaOf.delete(node);
  }
  const newInputs = new Map<NodeView, string[]>();
  const setInput = (node: NodeView, input: number, name: string) => {
    const inputs = newInputs.get(node) ?? [...node.inputs];
    while (inputs.length <= input) inputs.push('');
    inputs[input] = name;
    newInputs.set(node, inputs);
  };
  const byWeight = new Map<string, WeightUse[]>();
  for (const [node, byInput] of plan.byNode) {
    for (const [input, slices] of byInput) {
      const use: WeightUse = { node, input, slices, delta: input === 2 ? deltaOf.get(node) : undefined };
      byWeight.set(node.inputs[input], [...(byWeight.get(node.inputs[input]) ?? []), use]);
    }
  }
  for (const [name, uses] of byWeight) {
    ctx.signal.throwIfAborted();
    const keys = new Set(uses.map(useKey));
    const allReadersAgree = keys.size === 1 && index.consumers(name).length === uses.length && !index.isGraphOutput(name);
    const original = await readFloatWeight(ctx, index.weight(name)!);
    for (const key of keys) {
      const variant = uses.filter((use) => useKey(use) === key);
      const first = variant[0];
      let values: Float32Array | Float64Array = first.delta === undefined ? original.values : withDelta(original.values, first.delta);
      let dims = [...original.dims];
      for (const slice of first.slices) ({ values, dims } = takeAlongAxis(values, dims, slice.axis, slice.keep));
      const target = allReadersAgree ? name : await ctx.model.uniqueName(`${name}_pruned`);
      await writeWeight(ctx, target, dims, values);
      if (target !== name) for (const use of variant) setInput(use.node, use.input, target);
    }
  }
  for (const node of newBiases) {
    const keep = plan.outputKeep.get(node);
    const delta = deltaOf.get(node)!;
    const values = keep === undefined ? delta : Float64Array.from(keep, (channel) => delta[channel]);
    const name = await ctx.model.uniqueName(`${node.name}_bias`);
    await writeWeight(ctx, name, [values.length], values);
    setInput(node, 2, name);
  }
  for (const [node, inputs] of newInputs) await ctx.model.setNodeInputs(node.name, inputs);
  for (const [root, keep] of kept) {
    for (const layer of resolved.groups.get(root)!.depthwise) await ctx.model.setAttributes(layer.node.name, { group: { type: 'int', value: keep.length } });
  }
  await updateValueShapes(ctx, index, flow, resolved, kept);
}

/** Recorded shapes of intermediate values follow their new channel counts. */
async function updateValueShapes(ctx: StageContext, index: GraphIndex, flow: ChannelFlow, resolved: ResolvedGroups, kept: ReadonlyMap<number, readonly number[]>): Promise<void> {
  const types = new Map(index.view.values.map((value) => [value.name, value]));
  for (const [name, channels] of flow.values) {
    const keep = kept.get(resolved.root(channels.space));
    const known = types.get(name);
    if (keep === undefined || known?.shape == null || known.dataType === null || index.isWeight(name)) continue;
    const position = known.shape.length + channels.axisFromEnd;
    if (position < 0 || typeof known.shape[position] !== 'number') continue;
    const shape = [...known.shape];
    shape[position] = keep.length;
    await ctx.model.setValueInfo(name, known.dataType, shape);
  }
}
