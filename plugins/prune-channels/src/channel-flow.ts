import type { NodeView } from '@edgepress/plugin-sdk';
import {
  channelBroadcast,
  describeLinearLayer,
  intAttribute,
  intsAttribute,
  isOnnxOp,
  type GraphIndex,
  type LinearLayer,
} from '@edgepress/plugin-sdk/toolkit';
import { ELEMENTWISE, GLOBAL_POOLING, PER_CHANNEL_NORMALIZATION, POOLING, RESAMPLING, UNARY_PASS_THROUGH } from './op-classes';

/**
 * Channel-flow analysis. Every value whose channels come from a prunable layer gets a channel
 * "space"; operators that keep channels aligned (activations, BatchNormalization, depthwise
 * convolution, pooling, resizing, elementwise Add/Mul with per-channel constants or with each
 * other) put their inputs and output in the same space, so that a channel removed anywhere is
 * removed everywhere it is tied (residual Adds, SE gates). Concat along channels makes a new space
 * made of segments. A space reaching something it cannot follow (a graph output, Reshape,
 * Transpose, an unknown operator) is blocked, with the reason.
 */

export interface ValueChannels {
  readonly space: number;
  /** Channel axis counted from the end (-3 for NCHW; -1 after Flatten or for Gemm outputs). */
  readonly axisFromEnd: number;
  readonly rank: number | undefined;
  /** Every axis after the channel axis has size 1 (after a global pool). */
  readonly spatialOnes: boolean;
}

/** A weight input of a node, sliced along `axis` by the kept channels of a space. */
export interface WeightEdit {
  readonly space: number;
  readonly node: NodeView;
  readonly input: number;
  readonly axis: number;
}

export interface ConcatSegment {
  readonly space: number;
  readonly offset: number;
  readonly channels: number;
}

export interface ChannelConcat {
  readonly node: NodeView;
  readonly space: number;
  readonly segments: readonly ConcatSegment[];
}

export interface ChannelFlow {
  /** Channel count of each space. */
  readonly channels: readonly number[];
  /** Union-find parent of each space (spaces tied together share a root). */
  readonly parent: number[];
  readonly values: ReadonlyMap<string, ValueChannels>;
  readonly sources: ReadonlyArray<{ readonly space: number; readonly layer: LinearLayer }>;
  readonly sinks: ReadonlyArray<{ readonly space: number; readonly layer: LinearLayer }>;
  readonly edits: readonly WeightEdit[];
  /** Depthwise convolutions whose `group` follows their space's channel count. */
  readonly depthwise: ReadonlyArray<{ readonly space: number; readonly layer: LinearLayer }>;
  readonly concats: readonly ChannelConcat[];
  readonly blocked: ReadonlyArray<{ readonly space: number; readonly reason: string }>;
}

export function findRoot(parent: number[], space: number): number {
  let root = space;
  while (parent[root] !== root) root = parent[root];
  while (parent[space] !== root) [space, parent[space]] = [parent[space], root];
  return root;
}

class FlowBuilder implements ChannelFlow {
  readonly channels: number[] = [];
  readonly parent: number[] = [];
  readonly values = new Map<string, ValueChannels>();
  readonly sources: { space: number; layer: LinearLayer }[] = [];
  readonly sinks: { space: number; layer: LinearLayer }[] = [];
  readonly edits: WeightEdit[] = [];
  readonly depthwise: { space: number; layer: LinearLayer }[] = [];
  readonly concats: ChannelConcat[] = [];
  readonly blocked: { space: number; reason: string }[] = [];

  constructor(
    private readonly index: GraphIndex,
    /** Values of small weights (Resize scales, Squeeze axes), read before the walk. */
    private readonly constants: ReadonlyMap<string, readonly number[]>,
  ) {}

  newSpace(channels: number): number {
    this.channels.push(channels);
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }

  block(space: number, reason: string): void {
    this.blocked.push({ space, reason });
  }

  blockInputs(node: NodeView, reason: string): void {
    for (const input of node.inputs) {
      const value = this.values.get(input);
      if (value !== undefined) this.block(value.space, reason);
    }
  }

  /** Ties two spaces; false (and both blocked) when their channel counts differ. */
  unite(a: number, b: number, node: NodeView): boolean {
    const [ra, rb] = [findRoot(this.parent, a), findRoot(this.parent, b)];
    if (ra === rb) return true;
    if (this.channels[ra] !== this.channels[rb]) {
      this.block(a, `${node.opType} ${node.name} joins ${this.channels[ra]} and ${this.channels[rb]} channels`);
      this.block(b, `${node.opType} ${node.name} joins ${this.channels[ra]} and ${this.channels[rb]} channels`);
      return false;
    }
    this.parent[rb] = ra;
    return true;
  }

  spaceChannels(space: number): number {
    return this.channels[findRoot(this.parent, space)];
  }

  /** Output `output` carries the same channels as `value` (same axis, rank unless given). */
  passThrough(output: string | undefined, value: ValueChannels, changes: Partial<ValueChannels> = {}): void {
    if (output !== undefined && output !== '') this.values.set(output, { ...value, ...changes });
  }

  /** Requires extra outputs (Dropout mask, MaxPool indices, BN statistics) to be unread. */
  extraOutputsUnread(node: NodeView): boolean {
    return node.outputs.slice(1).every((output) => output === '' || this.index.isUnread(output));
  }

  visit(node: NodeView): void {
    const layer = describeLinearLayer(this.index, node);
    if (layer !== undefined) return this.linear(node, layer);
    const data = this.values.get(node.inputs[0] ?? '');
    const op = isOnnxOp(node, node.opType) ? node.opType : '';
    if (ELEMENTWISE.has(op)) return this.elementwise(node);
    if (op === 'Concat') return this.concat(node);
    if (data === undefined) return this.blockInputs(node, `${node.opType} ${node.name} reads them`);
    if (UNARY_PASS_THROUGH.has(op) && this.extraOutputsUnread(node) && this.scalarExtras(node)) return this.passThrough(node.outputs[0], data);
    if (POOLING.has(op) && this.channelsOnAxis1(data) && this.extraOutputsUnread(node)) {
      return this.passThrough(node.outputs[0], data, { spatialOnes: GLOBAL_POOLING.has(op) || data.spatialOnes });
    }
    if (PER_CHANNEL_NORMALIZATION.has(op)) return this.normalization(node, data, PER_CHANNEL_NORMALIZATION.get(op)!);
    if (RESAMPLING.has(op)) return this.resampling(node, data);
    if (op === 'Flatten' || op === 'Squeeze') return this.flatten(node, data);
    this.blockInputs(node, `${node.opType} ${node.name} reads them and cannot be rewritten`);
  }

  private channelsOnAxis1(value: ValueChannels): boolean {
    return value.rank !== undefined && value.rank + value.axisFromEnd === 1;
  }

  /** Inputs after the first are weights or values that are the same for every channel. */
  private scalarExtras(node: NodeView): boolean {
    return node.inputs.slice(1).every((input) => input === '' || (!this.values.has(input) && (this.index.isWeight(input) || this.index.shape(input)?.length === 0)));
  }

  private linear(node: NodeView, layer: LinearLayer): void {
    const input = this.values.get(node.inputs[0]);
    const output = node.outputs[0];
    const isDepthwise = layer.kind === 'conv' && layer.group > 1 && layer.weight.dims[1] === 1 && layer.group === layer.outChannels;
    if (isDepthwise) {
      if (input === undefined) return;
      if (this.spaceChannels(input.space) !== layer.group || input.axisFromEnd !== layer.channelAxisFromEnd) {
        return this.block(input.space, `depthwise ${node.name} does not line up with its input channels`);
      }
      if (layer.biasInput !== '' && layer.bias === undefined) return this.block(input.space, `depthwise ${node.name} has a computed bias`);
      this.edits.push({ space: input.space, node, input: 1, axis: 0 });
      if (layer.bias !== undefined) this.edits.push({ space: input.space, node, input: 2, axis: 0 });
      this.depthwise.push({ space: input.space, layer });
      return this.passThrough(output, input, { rank: layer.outputRank, spatialOnes: false });
    }
    if (layer.group !== 1) {
      if (input !== undefined) this.block(input.space, `grouped ${node.opType} ${node.name} (group ${layer.group})`);
      return;
    }
    if (input !== undefined) {
      const expectedAxis = layer.kind === 'conv' || layer.kind === 'conv-transpose' ? layer.channelAxisFromEnd : -1;
      if (layer.transA) this.block(input.space, `Gemm ${node.name} reads its input transposed`);
      else if (input.axisFromEnd !== expectedAxis || this.spaceChannels(input.space) !== layer.inChannels) {
        this.block(input.space, `${node.opType} ${node.name} does not read them on its input-channel axis`);
      } else this.sinks.push({ space: input.space, layer });
    }
    const space = this.newSpace(layer.outChannels);
    this.sources.push({ space, layer });
    if (layer.biasInput !== '') {
      const broadcast = layer.bias === undefined ? undefined : channelBroadcast(layer.bias.dims, -1, layer.outChannels);
      if (broadcast === undefined || broadcast.kind === 'mismatch') this.block(space, `${node.opType} ${node.name} has a bias that cannot be sliced`);
      else if (broadcast.kind === 'per-channel') this.edits.push({ space, node, input: 2, axis: broadcast.axis });
    }
    this.values.set(output, { space, axisFromEnd: layer.channelAxisFromEnd, rank: layer.outputRank, spatialOnes: false });
  }

  private elementwise(node: NodeView): void {
    const tracked = node.inputs.map((input) => this.values.get(input)).filter((value): value is ValueChannels => value !== undefined);
    if (tracked.length === 0) return;
    const first = tracked[0];
    const reason = `${node.opType} ${node.name} mixes them with values it cannot align`;
    if (tracked.some((value) => value.axisFromEnd !== first.axisFromEnd)) return this.blockInputs(node, reason);
    for (const value of tracked.slice(1)) if (!this.unite(first.space, value.space, node)) return;
    const channels = this.spaceChannels(first.space);
    let rank = first.rank;
    for (const [position, input] of node.inputs.entries()) {
      if (input === '' || this.values.has(input)) {
        const value = this.values.get(input);
        if (value !== undefined && rank !== undefined) rank = value.rank === undefined ? undefined : Math.max(rank, value.rank);
        continue;
      }
      const weight = this.index.weight(input);
      const shape = weight?.dims ?? this.index.shape(input);
      if (shape === undefined) return this.blockInputs(node, reason);
      if (rank !== undefined) rank = Math.max(rank, shape.length);
      const numeric = shape.map((dim) => (typeof dim === 'number' ? dim : -1));
      const broadcast = channelBroadcast(numeric, first.axisFromEnd, channels);
      if (broadcast.kind === 'mismatch') return this.blockInputs(node, reason);
      if (broadcast.kind === 'per-channel') {
        if (weight === undefined || weight.dataType !== 'float') return this.blockInputs(node, reason);
        this.edits.push({ space: first.space, node, input: position, axis: broadcast.axis });
      }
    }
    this.passThrough(node.outputs[0], first, { rank, spatialOnes: tracked.every((value) => value.spatialOnes) && rank === first.rank });
  }

  private normalization(node: NodeView, data: ValueChannels, params: readonly number[]): void {
    const channels = this.spaceChannels(data.space);
    const ok =
      this.channelsOnAxis1(data) &&
      this.extraOutputsUnread(node) &&
      params.every((position) => {
        const weight = this.index.weight(node.inputs[position] ?? '');
        return weight !== undefined && weight.dataType === 'float' && weight.dims.length === 1 && weight.dims[0] === channels;
      });
    if (!ok) return this.block(data.space, `${node.opType} ${node.name} has parameters that cannot be sliced`);
    for (const position of params) this.edits.push({ space: data.space, node, input: position, axis: 0 });
    this.passThrough(node.outputs[0], data);
  }

  private resampling(node: NodeView, data: ValueChannels): void {
    // Resize(X, roi, scales, sizes) from opset 11, Resize/Upsample(X, scales) before: the scale of
    // the channel axis must be exactly 1 and no `sizes` (which would name the channel count) given.
    const scalesInput = node.inputs.length >= 3 ? node.inputs[2] : node.inputs[1];
    const scales = this.constants.get(scalesInput ?? '');
    const channelAxis = data.rank === undefined ? -1 : data.rank + data.axisFromEnd;
    const sizes = node.inputs[3] ?? '';
    if (scales === undefined || scales.length !== data.rank || scales[channelAxis] !== 1 || sizes !== '') {
      return this.block(data.space, `${node.opType} ${node.name} resizes with sizes or scales it cannot check`);
    }
    this.passThrough(node.outputs[0], data);
  }

  private flatten(node: NodeView, data: ValueChannels): void {
    const reason = `${node.opType} ${node.name} reshapes them`;
    if (data.rank === undefined || !data.spatialOnes) return this.block(data.space, reason);
    const channelAxis = data.rank + data.axisFromEnd;
    if (node.opType === 'Flatten') {
      if (intAttribute(node, 'axis', 1) !== channelAxis || channelAxis !== 1) return this.block(data.space, reason);
      return this.passThrough(node.outputs[0], data, { axisFromEnd: -1, rank: 2 });
    }
    const axes = intsAttribute(node, 'axes') ?? this.constants.get(node.inputs[1] ?? '');
    if (axes === undefined) return this.block(data.space, reason);
    const normalized = axes.map((axis) => (axis < 0 ? axis + data.rank! : axis));
    const trailing = data.rank - 1 - channelAxis;
    const removesAllTrailing = normalized.filter((axis) => axis > channelAxis).length === trailing;
    if (normalized.includes(channelAxis) || !removesAllTrailing) return this.block(data.space, reason);
    const before = normalized.filter((axis) => axis < channelAxis).length;
    this.passThrough(node.outputs[0], data, { axisFromEnd: -1, rank: data.rank - before - trailing });
  }

  private concat(node: NodeView): void {
    const tracked = node.inputs.map((input) => this.values.get(input));
    if (tracked.every((value) => value === undefined)) return;
    const reason = `Concat ${node.name} mixes them with values it cannot align`;
    if (tracked.some((value) => value === undefined)) return this.blockInputs(node, reason);
    const values = tracked as ValueChannels[];
    const first = values[0];
    const axis = intAttribute(node, 'axis', 0);
    const rank = first.rank ?? this.index.shape(node.inputs[0])?.length;
    const axisFromEnd = axis < 0 ? axis : rank === undefined ? undefined : axis - rank;
    if (axisFromEnd !== undefined && values.every((value) => value.axisFromEnd === axisFromEnd)) {
      let offset = 0;
      const segments = values.map((value) => {
        const channels = this.spaceChannels(value.space);
        const segment = { space: value.space, offset, channels };
        offset += channels;
        return segment;
      });
      const space = this.newSpace(offset);
      this.concats.push({ node, space, segments });
      return this.passThrough(node.outputs[0], first, { space, spatialOnes: values.every((value) => value.spatialOnes) });
    }
    if (axisFromEnd === undefined || values.some((value) => value.axisFromEnd !== first.axisFromEnd)) return this.blockInputs(node, reason);
    // Along another axis: every input keeps the same channels.
    for (const value of values.slice(1)) if (!this.unite(first.space, value.space, node)) return;
    this.passThrough(node.outputs[0], first);
  }
}

/**
 * Walks the graph (topological order) and returns the channel flow; graph outputs block their
 * spaces. `constants` holds the values of small weights (Resize scales, Squeeze axes).
 */
export function analyzeChannelFlow(index: GraphIndex, constants: ReadonlyMap<string, readonly number[]>): ChannelFlow {
  const builder = new FlowBuilder(index, constants);
  for (const node of index.view.nodes) {
    if (!index.isWeightNode(node)) builder.visit(node);
  }
  for (const output of index.view.outputs) {
    const value = builder.values.get(output.name);
    if (value !== undefined) builder.block(value.space, `they reach graph output '${output.name}'`);
  }
  return builder;
}
