import fs from 'node:fs';
import { graph, modelBytes } from '../../test/fixtures/build-model';
import { expectInvalidModel, thrownError } from '../../test/fixtures/expect-error';
import { subgraphModels } from '../../test/fixtures/generated-models';
import { runOrtBatch, sameOutputs } from '../../test/fixtures/ort';
import { PP_OCR_REC } from '../../test/fixtures/real-models';
import { readModel } from '../model/read';
import { writeModel } from '../model/write';
import { DataType } from '../tensor/data-types';
import { encodeTensor } from '../tensor/encode';
import { createTensor } from '../tensor/tensor';
import { getFloat, getFloats, getInt, getInts, getString, makeAttribute } from './attributes';
import { checkModel } from './check';
import { removeDeadNodes, removeUnused, removeUnusedWeights } from './prune';

const models = subgraphModels();
afterAll(() => models.cleanup());

describe('weights in Constant nodes', () => {
  it('reads every Constant form as a tensor', () => {
    const model = models.open('constant_forms');
    const read = (name: string) => {
      const tensor = model.readWeight(name);
      return [tensor.dataType, tensor.dims, Array.from(tensor.data as ArrayLike<unknown>)];
    };
    expect(read('k_value')).toEqual([DataType.FLOAT, [3], [1, 2, 3]]);
    expect(read('k_float')).toEqual([DataType.FLOAT, [], [-1.5]]);
    expect(read('k_floats')).toEqual([DataType.FLOAT, [3], [0.5, 0.25, 0.125]]);
    expect(read('k_int')).toEqual([DataType.INT64, [], [7n]]);
    expect(read('k_ints')).toEqual([DataType.INT64, [2], [1n, 3n]]);
    expect(model.weightInfo('k_floats')).toMatchObject({ location: 'constant', encoding: 'attribute', dims: [3], byteLength: 12 });
  });

  it('replaces values where they live, and ONNX Runtime computes with the new ones', () => {
    const model = models.open('constant_forms');
    model.replaceWeight('k_value', createTensor({ dataType: 'float', dims: [3], data: [10, 20, 30] }));
    model.replaceWeight('k_float', createTensor({ dataType: 'float', dims: [], data: [0.5] }));
    model.replaceWeight('k_int', createTensor({ dataType: 'int64', dims: [], data: [1n] }));
    const k = (name: string) => model.graph.producer(name)?.attribute.map((a) => a.name);
    expect([k('k_value'), k('k_float'), k('k_int')]).toEqual([['value'], ['value_float'], ['value_int']]);
    const [out] = runOrtBatch([{ model: writeModel(model), inputShapes: { x: [3] } }]);
    const x = [0, 1, 2].map((i) => Math.fround(Math.sin(i * 0.37) * Math.cos(i * 0.011)));
    const expected = x.map((v, i) => Math.fround(Math.fround(Math.fround(v + [10, 20, 30][i]) + 0.5) * [0.5, 0.25, 0.125][i]) + 1);
    expect(Array.from(out.y.data as Float32Array)).toEqual(expected.map(Math.fround));
  });

  it('switches a scalar or list Constant to a tensor value when the new tensor no longer fits that form', () => {
    const model = models.open('constant_forms');
    model.replaceWeight('k_floats', createTensor({ dataType: 'float16', dims: [3], data: [1, 2, 3] }));
    const node = model.graph.producer('k_floats');
    expect(node?.attribute.map((a) => a.name)).toEqual(['value']);
    expect(model.weightInfo('k_floats')).toMatchObject({ dataType: DataType.FLOAT16, encoding: 'raw' });
  });

  it('counts 325 Constant weights in the PP-OCR recognizer and keeps raw encoding when replacing one', () => {
    const model = readModel(new Uint8Array(fs.readFileSync(PP_OCR_REC)));
    const weights = model.weights();
    expect(weights).toHaveLength(325);
    expect(weights.every((weight) => weight.location === 'constant')).toBe(true);
    const first = weights.find((weight) => model.weightInfo(weight).elementCount > 100) as (typeof weights)[number];
    const values = model.readWeight(first).data as Float32Array;
    model.replaceWeight(first, createTensor({ dataType: 'float', dims: [...model.readWeight(first).dims], data: values.map((v) => v * 2) }));
    expect(model.weightInfo(first).encoding).toBe('raw');
    expect(Array.from(model.readWeight(first).data as Float32Array)).toEqual(Array.from(values, (v) => Math.fround(v * 2)));
  });
});

describe('moving weights', () => {
  it('moves pruned recognizer weights to sparse initializers and others to initializers, with the outputs of the dense model', () => {
    const bytes = new Uint8Array(fs.readFileSync(PP_OCR_REC));
    const dense = readModel(bytes);
    const moved = readModel(bytes);
    const big = dense.weights().filter((weight) => dense.weightInfo(weight).elementCount > 1000).slice(0, 6);
    big.forEach((weight, i) => {
      const values = (dense.readWeight(weight).data as Float32Array).map((v) => (Math.abs(v) < 0.05 ? 0 : v));
      const pruned = createTensor({ dataType: 'float', dims: [...dense.readWeight(weight).dims], data: values });
      dense.replaceWeight(weight, pruned);
      moved.replaceWeight(weight.name, pruned, { location: i % 2 === 0 ? 'sparse-initializer' : 'initializer', encoding: i % 3 === 0 ? 'typed' : 'raw' });
    });
    expect(moved.weights().filter((weight) => weight.location === 'sparse-initializer')).toHaveLength(3);
    expect(moved.weightInfo(big[0].name).byteLength).toBeLessThan(dense.weightInfo(big[0].name).byteLength);
    expect(checkModel(moved).filter((issue) => issue.severity === 'error')).toEqual([]);
    const [a, b] = runOrtBatch([{ model: writeModel(dense), inputShapes: { x: [1, 3, 48, 96] } }, { model: writeModel(moved), inputShapes: { x: [1, 3, 48, 96] } }]);
    expect(sameOutputs(a, b)).toBe(true);
  });

  it('adds weights in every location, refusing names already taken', () => {
    const model = models.open('constant_forms');
    const tensor = (name: string) => createTensor({ name, dataType: 'float', dims: [2], data: [0, 3] });
    model.graph.addWeight(tensor('as_initializer'));
    model.graph.addWeight(tensor('as_sparse'), { location: 'sparse-initializer' });
    model.graph.addWeight(tensor('as_constant'), { location: 'constant', encoding: 'typed' });
    expect(['as_initializer', 'as_sparse', 'as_constant'].map((name) => model.weight(name)?.location)).toEqual(['initializer', 'sparse-initializer', 'constant']);
    expect(Array.from(model.readWeight('as_sparse').data as Float32Array)).toEqual([0, 3]);
    expect(thrownError(() => model.graph.addWeight(tensor('k_value'))).message).toMatch(/'k_value' is already defined/);
  });
});

describe('sparse initializers', () => {
  it('densify, and re-sparsify on replacement keeping the index form', () => {
    const model = models.open('loop_if');
    const dense = model.readWeight('sparse_w');
    expect(dense.dims).toEqual([2, 3]);
    expect(Array.from(dense.data as Float32Array)).toEqual([0, 1.25, 0, 0, -3.5, 0]);
    model.replaceWeight('sparse_w', createTensor({ dataType: 'float', dims: [2, 3], data: [0, 0, 2, 0, 0, 4] }));
    const sparse = model.graph.proto.sparseInitializer[0];
    expect(Array.from(model.readWeight('sparse_w').data as Float32Array)).toEqual([0, 0, 2, 0, 0, 4]);
    expect(sparse.indices?.dims).toEqual([2n]);
    expect(model.weightInfo('sparse_w')).toMatchObject({ location: 'sparse-initializer', encoding: 'sparse', elementCount: 6 });
  });
});

describe('removing unused weights and dead nodes', () => {
  const main = () =>
    graph({
      nodes: [
        { op: 'Constant', inputs: [], outputs: ['unused_const'], attributes: { value_float: { type: 'float', value: 1 } } },
        { op: 'Neg', name: 'dead', inputs: ['x'], outputs: ['dead_out'] },
        { op: 'Add', name: 'dead_too', inputs: ['dead_out', 'only_dead_reads'], outputs: ['dead_sum'] },
        { op: 'Mul', name: 'live', inputs: ['x', 'w'], outputs: ['y'] },
      ],
      inputs: [['x', 1, [2]]],
      outputs: [['y', 1, [2]]],
      initializers: ['w', 'only_dead_reads', 'never_read'].map((name) => encode(name)),
    });
  const encode = (name: string) => encodeTensor(createTensor({ name, dataType: 'float', dims: [2], data: [1, 2] }));

  it('removes unread initializers and Constants, then dead chains, and the outputs stay the same', () => {
    const bytes = modelBytes(main());
    const model = readModel(bytes);
    expect(removeUnusedWeights(model).sort()).toEqual(['never_read', 'unused_const']);
    expect(removeDeadNodes(model).map((node) => node.name)).toEqual(['dead_too', 'dead']);
    expect(removeUnusedWeights(model)).toEqual(['only_dead_reads']);
    expect(model.graph.nodes.map((node) => node.name)).toEqual(['live']);
    expect(checkModel(model)).toEqual([]);
    const [a, b] = runOrtBatch([{ model: bytes, inputShapes: { x: [2] } }, { model: writeModel(model), inputShapes: { x: [2] } }]);
    expect(sameOutputs(a, b)).toBe(true);
  });

  it('reports nodes and weights in one call', () => {
    expect(removeUnused(readModel(modelBytes(main())))).toEqual({ nodes: 2, weights: 3 });
  });

  it('keeps what subgraphs read from outer scope', () => {
    const model = models.open('loop_if');
    expect(removeUnused(model)).toEqual({ nodes: 0, weights: 0 });
  });
});

describe('attributes', () => {
  const node = graph({
    nodes: [
      {
        op: 'Custom',
        inputs: [],
        outputs: ['y'],
        attributes: {
          axis: { type: 'int', value: -1 },
          big: { type: 'int', value: 2n ** 63n - 1n },
          ratio: { type: 'float', value: 0.5 },
          perm: { type: 'ints', value: [0, 2, 1] },
          scales: { type: 'floats', value: [1, 2] },
          mode: { type: 'string', value: 'nearest' },
        },
      },
    ],
  }).node[0];

  it('reads typed values, with int64 kept exactly in the AttributeValue', () => {
    expect(getInt(node, 'axis')).toBe(-1);
    expect(getInt(node, 'missing', 3)).toBe(3);
    expect(getFloat(node, 'ratio')).toBe(0.5);
    expect(getInts(node, 'perm')).toEqual([0, 2, 1]);
    expect(getFloats(node, 'scales')).toEqual([1, 2]);
    expect(getString(node, 'mode')).toBe('nearest');
    expect(node.attribute.find((a) => a.name === 'big')?.i).toBe(2n ** 63n - 1n);
  });

  it('refuses a value of the wrong type, naming the node and attribute', () => {
    expectInvalidModel(() => getInt(node, 'ratio'), /attribute 'ratio' of Custom node '' is float, expected int/);
    expect(thrownError(() => makeAttribute('k', { type: 'int', value: 1.5 })).code).toBe('INVALID_ARGUMENT');
    expect(thrownError(() => makeAttribute('k', { type: 'int', value: 2n ** 64n })).message).toMatch(/does not fit int64/);
  });
});
