/**
 * @jest-environment ./test/single-realm-environment.cjs
 */
import { ErrorCode } from '@edgepress/errors';
import { readModel, writeModel } from '@edgepress/onnx';
import type { GraphView, TensorHandle } from '@edgepress/plugin-sdk';
import { readFileSync } from 'node:fs';
import { convNet, OCR_CLASSIFIER, runOrt, seededFloats } from '../../test/stage-host/models';
import { connectKernels } from './kernel-connection';
import { createStageHost, type StageHost } from './create-stage-host';

const kernels = connectKernels().kernels;
let convBytes: Uint8Array;
const input = { x: { dims: [1, 2, 6, 6], data: seededFloats(72, 7) } };

beforeAll(() => {
  convBytes = convNet();
});

function host(bytes = convBytes): StageHost {
  return createStageHost({ model: readModel(bytes), kernels });
}

async function expectCode(promise: Promise<unknown>, code: ErrorCode, message?: RegExp): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code, ...(message === undefined ? {} : { message: expect.stringMatching(message) }) });
}

describe('model.graph', () => {
  it('lists nodes in topological order with names, attributes, weights as handles, shapes and opsets', async () => {
    const stage = host();
    const graph: GraphView = await stage.handler['model.graph']();
    const names = graph.nodes.map((node) => node.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((name) => name.length > 0)).toBe(true);
    const position = (output: string) => graph.nodes.findIndex((node) => node.outputs.includes(output));
    for (const node of graph.nodes) for (const value of node.inputs) if (position(value) >= 0) expect(position(value)).toBeLessThan(graph.nodes.indexOf(node));
    expect(graph.inputs).toEqual([{ name: 'x', dataType: 'float', shape: [1, 2, 6, 6] }]);
    expect(graph.outputs).toEqual([{ name: 'y', dataType: 'float', shape: [1, 3] }]);
    expect(graph.opsets).toEqual({ '': 13 });
    expect(graph.nodes.find((node) => node.name === 'conv')?.attributes).toEqual({});
    expect(graph.nodes.find((node) => node.opType === 'Relu')?.name).toMatch(/^Relu/);
    expect(graph.weights.map((w) => [w.name, w.location, w.dataType, w.dims])).toEqual([
      ['w', 'initializer', 'float', [4, 2, 3, 3]],
      ['b', 'initializer', 'float', [4]],
      ['fc_w', 'initializer', 'float', [64, 3]],
      ['gain_flat', 'constant', 'float', [4]],
      ['gain_shape', 'constant', 'int64', [3]],
    ]);
    const gain = await stage.handler['tensors.read'](graph.weights[3].tensor);
    expect(Array.from(gain.values as Float32Array)).toEqual([1, 0.5, 2, 1.5]);
    const shape = await stage.handler['tensors.read'](graph.weights[4].tensor);
    expect(Array.from(shape.values as BigInt64Array)).toEqual([4n, 1n, 1n]);
    expect(graph.values).toEqual(expect.arrayContaining([{ name: 'conv_out', dataType: 'float', shape: [1, 4, 4, 4] }, { name: 'flat', dataType: 'float', shape: [1, 64] }]));
    const again = await stage.handler['model.graph']();
    expect(again.weights.map((w) => w.tensor.id)).toEqual(graph.weights.map((w) => w.tensor.id));
  });

  it('names the unnamed nodes of the PP-OCR classifier and lists its weights', async () => {
    const bytes = new Uint8Array(readFileSync(OCR_CLASSIFIER));
    const stage = host(bytes);
    const graph = await stage.handler['model.graph']();
    expect(graph.nodes.length).toBeGreaterThan(50);
    expect(new Set(graph.nodes.map((n) => n.name)).size).toBe(graph.nodes.length);
    expect(graph.weights.length).toBeGreaterThan(50);
    const conv = graph.nodes.find((node) => node.opType === 'Conv');
    expect(conv?.attributes.kernel_shape).toEqual({ type: 'ints', value: expect.any(Array) });
  });
});

describe('edits', () => {
  it('adds nodes and weights so that ONNX Runtime computes the edited graph', async () => {
    const stage = host();
    const before = await runOrt(convBytes, input);
    const scale = await stage.handler['tensors.write']({ dataType: 'float', dims: [], values: new Float32Array([3]) });
    const scaleName = await stage.handler['model.uniqueName']('triple');
    await stage.handler['model.setWeight'](scaleName, scale);
    await expectCode(stage.handler['model.addNode']({ opType: 'Mul', inputs: ['y_raw', scaleName], outputs: ['y'] }), ErrorCode.INVALID_ARGUMENT, /already defined/);
    await stage.handler['model.setNodeOutputs']('fc', ['y_raw']);
    const added = await stage.handler['model.addNode']({ opType: 'Mul', inputs: ['y_raw', scaleName], outputs: ['y'], name: 'fc' });
    expect(added).not.toBe('fc');
    await stage.handler['model.check']();
    const after = await runOrt(writeModel(stage.model), input);
    expect(Array.from(after.y.data)).toEqual(Array.from(before.y.data, (v) => Math.fround(v * 3)));
  });

  it('sets attributes with the SDK forms and replaces, moves and removes weights', async () => {
    const stage = host();
    await stage.handler['model.setAttributes']('fc', { alpha: { type: 'float', value: 2 }, transB: 0 });
    const graph = await stage.handler['model.graph']();
    expect(graph.nodes.find((n) => n.name === 'fc')?.attributes).toEqual({ alpha: { type: 'float', value: 2 }, transB: { type: 'int', value: 0 } });
    const doubled = await runOrt(writeModel(stage.model), input);
    const reference = await runOrt(convBytes, input);
    doubled.y.data.forEach((v, i) => expect(v).toBeCloseTo(reference.y.data[i] * 2, 5));

    const fc = graph.weights.find((w) => w.name === 'fc_w') as { tensor: TensorHandle };
    const values = (await stage.handler['tensors.read'](fc.tensor)).values as Float32Array;
    const pruned = values.map((v, i) => (i % 3 === 0 ? v : 0));
    await stage.handler['model.setWeight']('fc_w', await stage.handler['tensors.write']({ dataType: 'float', dims: [64, 3], values: pruned }), { location: 'sparse-initializer' });
    expect(stage.model.graph.weight('fc_w')?.location).toBe('sparse-initializer');
    // The old handle still shows the values it had when it was handed out.
    expect(Array.from((await stage.handler['tensors.read'](fc.tensor)).values as Float32Array)).toEqual(Array.from(values));
    const sparse = await runOrt(writeModel(stage.model), input);
    expect(sparse.y.data.length).toBe(3);

    await expectCode(stage.handler['model.removeWeights'](['b', 'nope']), ErrorCode.NOT_FOUND, /nope/);
    expect(stage.model.graph.weight('b')).toBeDefined();
    await stage.handler['model.removeWeights'](['b']);
    await stage.handler['model.setNodeInputs']('conv', ['x', 'w']);
    await stage.handler['model.check']();
  });

  it('keeps a value_floats Constant handle when its attribute is rewritten', async () => {
    const stage = host();
    const graph = await stage.handler['model.graph']();
    const gain = graph.weights.find((w) => w.name === 'gain_flat') as { tensor: TensorHandle };
    await stage.handler['model.setAttributes']('gain_const', { value_floats: [9, 9, 9, 9] });
    expect(Array.from((await stage.handler['tensors.read'](gain.tensor)).values as Float32Array)).toEqual([1, 0.5, 2, 1.5]);
    const fresh = (await stage.handler['model.graph']()).weights.find((w) => w.name === 'gain_flat') as { tensor: TensorHandle };
    expect(Array.from((await stage.handler['tensors.read'](fresh.tensor)).values as Float32Array)).toEqual([9, 9, 9, 9]);
  });

  it('replaces uses, records value info, and removes what nothing reads', async () => {
    const stage = host();
    await stage.handler['model.addNode']({ opType: 'Identity', inputs: ['relu_out'], outputs: ['relu_copy'] });
    expect(await stage.handler['model.replaceUses']('relu_out', 'relu_copy', { exceptNodes: [(await stage.handler['model.graph']()).nodes.find((n) => n.opType === 'Identity')?.name as string] })).toBe(1);
    await stage.handler['model.setValueInfo']('relu_copy', 'float', [1, 4, 'h', null]);
    expect(stage.model.graph.valueType('relu_copy')).toEqual({ elemType: 1, shape: [1, 4, 'h', null] });
    await stage.handler['model.addNode']({ opType: 'Neg', inputs: ['x'], outputs: ['dead'] });
    expect(await stage.handler['model.removeUnused']()).toEqual({ nodes: 1, weights: 0 });
    await stage.handler['model.check']();
    const out = await runOrt(writeModel(stage.model), input);
    expect(Array.from(out.y.data)).toEqual(Array.from((await runOrt(convBytes, input)).y.data));
  });

  it('reports a structural error from check and undoes it with snapshot and restore', async () => {
    const stage = host();
    const snapshot = await stage.handler['model.snapshot']();
    await stage.handler['model.setNodeInputs']('flatten', ['missing_value']);
    await expectCode(stage.handler['model.check'](), ErrorCode.INVALID_MODEL, /missing_value/);
    await stage.handler['model.restore'](snapshot);
    await stage.handler['model.check']();
    expect(writeModel(stage.model)).toEqual(writeModel(host().model));
    await expectCode(stage.handler['model.restore']('snapshot-99'), ErrorCode.NOT_FOUND, /snapshot-1/);
  });

  it('raises the default opset on a copy, so earlier handles keep their values', async () => {
    const stage = host();
    const before = (await stage.handler['model.graph']()).weights[0];
    const original = stage.model;
    await stage.handler['model.ensureOpset']('', 21);
    await stage.handler['model.ensureOpset']('com.microsoft', 1);
    expect(stage.model).not.toBe(original);
    expect(stage.model.opsets()).toEqual({ '': 21, 'com.microsoft': 1 });
    expect((await stage.handler['tensors.read'](before.tensor)).dims).toEqual([4, 2, 3, 3]);
    const out = await runOrt(writeModel(stage.model), input);
    expect(Array.from(out.y.data)).toEqual(Array.from((await runOrt(convBytes, input)).y.data));
  });
});

describe('untrusted arguments', () => {
  it.each([
    ['model.addNode', ErrorCode.INVALID_ARGUMENT, /spec.inputs/, [{ opType: 'Relu', inputs: 'x', outputs: ['z'] }]],
    ['model.addNode', ErrorCode.INVALID_ARGUMENT, /Unknown option "color"/, [{ opType: 'Relu', inputs: ['x'], outputs: ['z'], color: 'red' }]],
    ['model.addNode', ErrorCode.NOT_FOUND, /nowhere/, [{ opType: 'Relu', inputs: ['x'], outputs: ['z'], before: 'nowhere' }]],
    ['model.addNode', ErrorCode.INVALID_ARGUMENT, /spec.attributes.a.type/, [{ opType: 'Relu', inputs: ['x'], outputs: ['z'], attributes: { a: { type: 'graph' } } }]],
    ['model.addNode', ErrorCode.INVALID_ARGUMENT, /addNode\(spec\)/, [null]],
    ['model.removeNodes', ErrorCode.NOT_FOUND, /ghost/, [['conv', 'ghost']]],
    ['model.setAttributes', ErrorCode.INVALID_ARGUMENT, /strides/, ['conv', { strides: [1, 'x'] }]],
    ['model.setWeight', ErrorCode.NOT_FOUND, /forged/, ['w', { id: 'forged', dataType: 'float', dims: [1] }]],
    ['model.setWeight', ErrorCode.INVALID_ARGUMENT, /setWeight\(tensor\)/, ['relu_out', undefined]],
    ['model.uniqueName', ErrorCode.INVALID_ARGUMENT, /4096/, ['x'.repeat(5000)]],
    ['model.setNodeInputs', ErrorCode.INVALID_ARGUMENT, /inputs\)\[0\]/, ['conv', [1, 2]]],
    ['model.ensureOpset', ErrorCode.INVALID_ARGUMENT, /version/, ['', 1e9]],
    ['model.setValueInfo', ErrorCode.INVALID_ARGUMENT, /dataType/, ['y', 'float8', null]],
    ['model.setValueInfo', ErrorCode.INVALID_ARGUMENT, /shape/, ['y', 'float', [-1]]],
    ['model.replaceUses', ErrorCode.INVALID_ARGUMENT, /exceptNodes/, ['a', 'b', { exceptNodes: 'conv' }]],
  ] as const)('%s refuses bad arguments with %s (case %#)', async (method, code, message, args) => {
    const stage = host();
    const bytes = writeModel(stage.model);
    await expectCode((stage.handler[method] as (...a: unknown[]) => Promise<unknown>)(...args), code, message);
    expect(writeModel(stage.model)).toEqual(bytes);
  });

  it('refuses a new weight under the name of a computed value', async () => {
    const stage = host();
    const handle = await stage.handler['tensors.write']({ dataType: 'float', dims: [1], values: new Float32Array([1]) });
    await expectCode(stage.handler['model.setWeight']('relu_out', handle), ErrorCode.INVALID_ARGUMENT, /already defined/);
  });
});
