import type { GraphView, NodeView } from '../context/model-api';
import { findChains, followChain } from './chain-match';
import { channelBroadcast, perChannelValues } from './channel-broadcast';
import { GraphIndex } from './graph-index';
import { describeLinearLayer } from './linear-layer';

const handle = (dims: number[]) => ({ id: 't', dataType: 'float' as const, dims });
const weight = (name: string, dims: number[]) => ({ name, dataType: 'float' as const, dims, location: 'initializer' as const, tensor: handle(dims) });
const node = (name: string, opType: string, inputs: string[], outputs: string[], attributes: NodeView['attributes'] = {}): NodeView => ({ name, opType, domain: '', inputs, outputs, attributes });

// x -> conv -> bn -> relu -> y ; bn output also read by add (so relu is not bn's sole consumer)
const view: GraphView = {
  nodes: [
    node('conv', 'Conv', ['x', 'w', 'b'], ['c']),
    node('bn', 'BatchNormalization', ['c', 's', 'o', 'm', 'v'], ['n']),
    node('relu', 'Relu', ['n'], ['r']),
    node('add', 'Add', ['n', 'r'], ['y']),
    node('fc', 'Gemm', ['y2', 'fw'], ['z'], { transB: { type: 'int', value: 1 } }),
  ],
  inputs: [{ name: 'x', dataType: 'float', shape: [1, 3, 8, 8] }],
  outputs: [{ name: 'y', dataType: 'float', shape: null }],
  weights: [weight('w', [4, 3, 3, 3]), weight('b', [4]), weight('s', [4]), weight('o', [4]), weight('m', [4]), weight('v', [4]), weight('fw', [10, 4])],
  values: [{ name: 'c', dataType: 'float', shape: [1, 4, 8, 8] }],
  opsets: { '': 13 },
};

describe('GraphIndex and chain matching', () => {
  const index = new GraphIndex(view);

  it('indexes producers, readers, weights, outputs and shapes', () => {
    expect(index.producer('n')?.name).toBe('bn');
    expect(index.consumers('n').map((use) => `${use.node.name}:${use.index}`)).toEqual(['relu:0', 'add:0']);
    expect(index.soleConsumer('c')?.node.name).toBe('bn');
    expect(index.soleConsumer('n')).toBeUndefined();
    expect(index.soleConsumer('y')).toBeUndefined();
    expect(index.isGraphOutput('y')).toBe(true);
    expect(index.isWeight('w') && !index.isWeight('x')).toBe(true);
    expect(index.shape('c')).toEqual([1, 4, 8, 8]);
    expect(index.shape('w')).toEqual([4, 3, 3, 3]);
    expect(index.isUnread('z')).toBe(true);
  });

  it('follows chains only through values with one reader', () => {
    expect(followChain(index, view.nodes[0], ['Conv', 'BatchNormalization'])?.map((n) => n.name)).toEqual(['conv', 'bn']);
    expect(followChain(index, view.nodes[0], ['Conv', 'BatchNormalization', 'Relu'])).toBeUndefined();
    expect(followChain(index, view.nodes[0], ['Conv', (n) => n.inputs.length === 5])?.length).toBe(2);
    expect(findChains(index, [['Conv', 'Gemm'], 'BatchNormalization']).map((chain) => chain.map((n) => n.name))).toEqual([['conv', 'bn']]);
  });

  it('describes Conv and Gemm layers by their weight axes', () => {
    expect(describeLinearLayer(index, view.nodes[0])).toMatchObject({ kind: 'conv', outChannels: 4, inChannels: 3, channelAxisFromEnd: -3, weightOutAxis: 0, weightInAxis: 1 });
    expect(describeLinearLayer(index, view.nodes[4])).toMatchObject({ kind: 'gemm', outChannels: 10, inChannels: 4, weightOutAxis: 0, weightInAxis: 1 });
    expect(describeLinearLayer(index, view.nodes[1])).toBeUndefined();
  });
});

describe('channelBroadcast', () => {
  it('tells uniform, per-channel and mismatching constants apart under numpy alignment', () => {
    expect(channelBroadcast([], -3, 8)).toEqual({ kind: 'uniform', spread: false });
    expect(channelBroadcast([1, 8, 1, 1], -3, 8)).toEqual({ kind: 'per-channel', axis: 1, spread: false });
    expect(channelBroadcast([8, 1, 1], -3, 8)).toEqual({ kind: 'per-channel', axis: 0, spread: false });
    expect(channelBroadcast([8], -3, 8)).toEqual({ kind: 'uniform', spread: true });
    expect(channelBroadcast([1, 8, 5, 5], -3, 8)).toEqual({ kind: 'per-channel', axis: 1, spread: true });
    expect(channelBroadcast([1, 4, 1, 1], -3, 8)).toEqual({ kind: 'mismatch' });
    expect(channelBroadcast([8], -1, 8)).toEqual({ kind: 'per-channel', axis: 0, spread: false });
    expect(Array.from(perChannelValues([2], { kind: 'uniform', spread: false }, 3))).toEqual([2, 2, 2]);
  });
});
