import type { GraphView, NodeView } from '../context/model-api';
import { findHardSwishChains } from './fuse-hard-swish';
import { GraphIndex } from './graph-index';

// The rewrite itself (and its equivalence in ONNX Runtime) is tested on python-built models in
// plugins/quantize-int8/test/hard-swish.test.ts; here, which shapes match.

const scalar = (name: string, dims: number[] = []) => ({ name, dataType: 'float' as const, dims, location: 'constant' as const, tensor: { id: name, dataType: 'float' as const, dims } });
const node = (name: string, opType: string, inputs: string[], outputs: string[], attributes: NodeView['attributes'] = {}): NodeView => ({ name, opType, domain: '', inputs, outputs, attributes });
const clipAttributes = (min: number, max: number): NodeView['attributes'] => ({ min: { type: 'float', value: min }, max: { type: 'float', value: max } });

const SCALARS = new Map([['three', 3], ['two', 2], ['six', 6], ['five', 5], ['zero', 0], ['sixth', Math.fround(1 / 6)], ['vec3', 3]]);

function view(nodes: NodeView[], opset: number, outputs = ['y']): GraphView {
  return {
    nodes,
    inputs: [{ name: 'x', dataType: 'float', shape: [1, 8, 4, 4] }],
    outputs: outputs.map((name) => ({ name, dataType: 'float', shape: null })),
    weights: [...SCALARS.keys()].map((name) => scalar(name, name === 'vec3' ? [1, 1, 1, 1, 1] : [])),
    values: [],
    opsets: { '': opset },
  };
}

/** x -> Add(add) -> Clip(clip) -> Mul by x (mul) -> Div by 6 (div) -> y, opset 9 form by default. */
function chainNodes(options: { addend?: string; max?: number; last?: NodeView; clip?: NodeView } = {}): NodeView[] {
  return [
    node('add', 'Add', ['x', options.addend ?? 'three'], ['t']),
    options.clip ?? node('clip', 'Clip', ['t'], ['c'], clipAttributes(0, options.max ?? 6)),
    node('mul', 'Mul', ['c', 'x'], ['m']),
    options.last ?? node('div', 'Div', ['m', 'six'], ['y']),
  ];
}

const matched = (graph: GraphView) => findHardSwishChains(new GraphIndex(graph), SCALARS).map((chain) => ({ input: chain.input, output: chain.output, nodes: chain.nodes.map((member) => member.name) }));

describe('findHardSwishChains', () => {
  it('matches x * Clip(x + 3, 0, 6) / 6 with Clip attributes (opset 9) and constant bounds (opset 13)', () => {
    expect(matched(view(chainNodes(), 9))).toEqual([{ input: 'x', output: 'y', nodes: ['add', 'clip', 'mul', 'div'] }]);
    expect(matched(view(chainNodes({ clip: node('clip', 'Clip', ['t', 'zero', 'six'], ['c']) }), 13))).toHaveLength(1);
  });

  it('matches the division as a Mul by 1/6 and before the Mul by x', () => {
    expect(matched(view(chainNodes({ last: node('scale', 'Mul', ['sixth', 'm'], ['y']) }), 9))).toHaveLength(1);
    const divideFirst = [node('add', 'Add', ['three', 'x'], ['t']), node('clip', 'Clip', ['t'], ['c'], clipAttributes(0, 6)), node('div', 'Div', ['c', 'six'], ['d']), node('mul', 'Mul', ['x', 'd'], ['y'])];
    expect(matched(view(divideFirst, 9))).toEqual([{ input: 'x', output: 'y', nodes: ['add', 'clip', 'div', 'mul'] }]);
  });

  it('leaves near misses alone: other constants or bounds, bounds as attributes from opset 11, a broadcasting constant', () => {
    expect(matched(view(chainNodes({ addend: 'two' }), 9))).toEqual([]);
    expect(matched(view(chainNodes({ max: 5 }), 9))).toEqual([]);
    expect(matched(view(chainNodes({ last: node('div', 'Div', ['m', 'five'], ['y']) }), 9))).toEqual([]);
    expect(matched(view(chainNodes({ last: node('div', 'Div', ['six', 'm'], ['y']) }), 9))).toEqual([]);
    expect(matched(view(chainNodes(), 13))).toEqual([]);
    expect(matched(view(chainNodes({ clip: node('clip', 'Clip', ['t', '', 'six'], ['c']) }), 13))).toEqual([]);
    expect(matched(view(chainNodes({ addend: 'vec3' }), 9))).toEqual([]);
  });

  it('leaves a chain alone when an intermediate has another reader, is a graph output, or multiplies another value', () => {
    expect(matched(view([...chainNodes(), node('peek', 'Relu', ['c'], ['z'])], 9, ['y', 'z']))).toEqual([]);
    expect(matched(view(chainNodes(), 9, ['y', 'm']))).toEqual([]);
    const otherFactor = chainNodes();
    otherFactor[2] = node('mul', 'Mul', ['c', 'w'], ['m']);
    expect(matched({ ...view(otherFactor, 9), inputs: [...view([], 9).inputs, { name: 'w', dataType: 'float', shape: [1, 8, 4, 4] }] })).toEqual([]);
  });
});
