import fs from 'node:fs';
import { graph, modelBytes } from '../../test/fixtures/build-model';
import { thrownError } from '../../test/fixtures/expect-error';
import { subgraphModels } from '../../test/fixtures/generated-models';
import { runOrtBatch, sameOutputs } from '../../test/fixtures/ort';
import { PP_OCR_REC } from '../../test/fixtures/real-models';
import { readModel } from '../model/read';
import { writeModel } from '../model/write';
import { DataType } from '../tensor/data-types';
import { createTensor } from '../tensor/tensor';
import { checkModel } from './check';
import { removeUnusedWeights } from './prune';

const models = subgraphModels();
afterAll(() => models.cleanup());

describe('lookups across subgraphs (an If inside a Loop body, built by python-onnx)', () => {
  const model = models.open('loop_if');
  const main = model.graph;
  const loop = main.requireNode(main.nodes.find((node) => node.opType === 'Loop') as never);
  const body = main.subgraphs()[0];
  const ifNode = body.nodes.find((node) => node.opType === 'If');
  const thenBranch = body.subgraphs().find((g) => g.name === 'then_branch') as ReturnType<typeof body.subgraphs>[number];
  const elseBranch = body.subgraphs().find((g) => g.name === 'else_branch') as ReturnType<typeof body.subgraphs>[number];

  it('finds every graph, with its parent and owner', () => {
    expect(model.graphs().map((g) => g.name)).toEqual(['main', 'loop_body', 'else_branch', 'then_branch']);
    expect(body.parent).toBe(main);
    expect(body.owner).toEqual({ node: loop, attribute: 'body' });
    expect(thenBranch.owner?.node).toBe(ifNode);
  });

  it('reports outer-scope reads, two scopes up included', () => {
    expect([...thenBranch.outerReferences()].sort()).toEqual(['m1', 'main_w']);
    expect([...elseBranch.outerReferences()].sort()).toEqual(['c1', 'm1']);
    expect(body.outerReferences().has('main_w')).toBe(true);
    expect(body.outerReferences().has('m1')).toBe(false);
  });

  it('counts a subgraph reading a value as a consumer of it', () => {
    const uses = main.consumers('main_w');
    expect(uses.map((use) => (use.kind === 'graph-output' ? use.kind : `${use.kind}:${use.node.opType}`)).sort()).toEqual(['node-input:Mul', 'subgraph:Loop']);
    expect(body.consumers('c1')).toEqual([{ kind: 'subgraph', node: ifNode }]);
    expect(main.consumers('y')).toEqual([{ kind: 'graph-output', index: 0 }]);
    expect(main.producer('v_final')).toBe(loop);
  });

  it('resolves names through scopes', () => {
    expect(thenBranch.scopeOf('main_w')).toBe(main);
    expect(thenBranch.scopeOf('m1')).toBe(body);
    expect(thenBranch.scopeOf('nothing')).toBeUndefined();
    expect(thenBranch.valueType('main_w')).toEqual({ elemType: DataType.FLOAT, shape: [3] });
  });

  it('finds the weights of every graph, in every form', () => {
    const where = model.weights().map((w) => `${w.graph.name}:${w.name}:${w.location}${w.attribute ? `:${w.attribute}` : ''}`);
    expect(where).toEqual([
      'main:main_w:initializer',
      'main:trip:initializer',
      'main:cond_init:initializer',
      'main:sparse_w:sparse-initializer',
      'loop_body:body_w:initializer',
      'loop_body:c1:constant:value',
      'loop_body:one_i:constant:value_int',
      'else_branch:ec:constant:value_float',
      'then_branch:tc:constant:value_floats',
    ]);
  });
});

describe('editing', () => {
  it('rewires every read of a value, inside subgraphs too, and ONNX Runtime agrees', () => {
    const original = models.bytes('loop_if');
    const model = readModel(original);
    const weight = model.readWeight('main_w');
    model.graph.addInitializer(createTensor({ ...weight, name: 'main_w_copy' }));
    expect(model.graph.replaceAllUses('main_w', 'main_w_copy')).toBe(2);
    expect(model.graph.consumers('main_w')).toEqual([]);
    expect(model.graphs()[3].outerReferences().has('main_w_copy')).toBe(true);
    expect(removeUnusedWeights(model)).toEqual(['main_w']);
    expect(checkModel(model).filter((issue) => issue.severity === 'error')).toEqual([]);
    const [a, b] = runOrtBatch([{ model: original, inputShapes: { x: [2, 3] } }, { model: writeModel(model), inputShapes: { x: [2, 3] } }]);
    expect(sameOutputs(a, b)).toBe(true);
  });

  it('does not rewire inside a subgraph that defines the same name (shadowing)', () => {
    const branch = graph({ name: 'inner', nodes: [{ op: 'Neg', inputs: ['c'], outputs: ['v'] }, { op: 'Identity', inputs: ['v'], outputs: ['out'] }], outputs: [['out', 1, [1]]] });
    const main = graph({
      nodes: [
        { op: 'Neg', inputs: ['x'], outputs: ['v'] },
        { op: 'If', name: 'choose', inputs: ['c'], outputs: ['y'], attributes: { then_branch: { type: 'graph', value: branch }, else_branch: { type: 'graph', value: branch } } },
      ],
      inputs: [['x', 1, [1]], ['c', 9, []]],
      outputs: [['v', 1, [1]], ['y', 1, [1]]],
    });
    const model = readModel(modelBytes(main));
    expect(model.graph.replaceAllUses('v', 'w', { graphOutputs: false })).toBe(0);
    expect(model.graph.replaceAllUses('c', 'c2')).toBe(3);
    expect(model.graphs()[1].nodes[0].input).toEqual(['c2']);
  });

  it('inserts a node before the first reader of its output, with a unique name', () => {
    const model = readModel(models.bytes('constant_forms'));
    const main = model.graph;
    const reader = main.consumers('k_value')[0];
    main.addInitializer(createTensor({ name: 'scale', dataType: 'float', dims: [1], data: [2] }));
    main.replaceAllUses('k_value', 'k_scaled');
    const added = main.addNode({ opType: 'Mul', inputs: ['k_value', 'scale'], outputs: ['k_scaled'], name: 'a' });
    expect(added.name).toBe('a_1');
    expect(main.nodes.indexOf(added)).toBeLessThan(main.nodes.indexOf(reader.kind === 'node-input' ? reader.node : added));
    expect(checkModel(model).filter((issue) => issue.severity !== 'warning' || issue.code === 'unsorted')).toEqual([]);
    expect(thrownError(() => main.addNode({ opType: 'Neg', inputs: ['x'], outputs: ['k_scaled'] })).message).toMatch(/'k_scaled' is already defined/);
  });

  it('gives every unnamed node of the PP-OCR recognizer a unique name, after which nodes are addressable', () => {
    const model = readModel(new Uint8Array(fs.readFileSync(PP_OCR_REC)));
    expect(thrownError(() => model.graph.requireNode('nope')).code).toBe('NOT_FOUND');
    expect(model.ensureNodeNames()).toBe(325);
    const names = model.graph.nodes.map((node) => node.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names.slice(0, 20)) expect(model.graph.requireNode(name).name).toBe(name);
    expect(model.ensureNodeNames()).toBe(0);
  });

  it('reserves the names it hands out', () => {
    const model = models.open('loop_if');
    expect(model.uniqueName('m1')).toBe('m1_1');
    expect(model.uniqueName('m1')).toBe('m1_2');
    expect(model.uniqueName('fresh')).toBe('fresh');
    expect(model.uniqueName('fresh')).toBe('fresh_1');
  });

  it('declares inputs, outputs and value types', () => {
    const model = models.open('constant_forms');
    const main = model.graph;
    main.addOutput('c', DataType.FLOAT, [3]);
    main.setValueInfo('b', DataType.FLOAT, ['n']);
    main.setValueInfo('c', DataType.FLOAT, [null]);
    main.addInput('extra', DataType.INT64, []);
    expect(thrownError(() => main.addInput('x', DataType.FLOAT, [3])).message).toMatch(/'x' is already defined|already exists/);
    expect(main.valueType('b')).toEqual({ elemType: DataType.FLOAT, shape: ['n'] });
    expect(main.valueType('c')).toEqual({ elemType: DataType.FLOAT, shape: [null] });
    main.removeInput('extra');
    main.removeOutput('c');
    expect(thrownError(() => main.removeOutput('c')).code).toBe('NOT_FOUND');
    const reread = readModel(writeModel(model));
    expect(reread.graph.outputs.map((output) => output.name)).toEqual(['y']);
    expect(reread.graph.valueType('b')?.shape).toEqual(['n']);
  });

  it('sets, replaces and removes attributes through the graph', () => {
    const model = models.open('constant_forms');
    const cast = model.graph.nodes.find((node) => node.opType === 'Cast') as never;
    model.graph.setAttribute(cast, 'to', { type: 'int', value: DataType.DOUBLE });
    model.graph.setAttribute(cast, 'note', { type: 'string', value: 'added' });
    model.graph.setAttribute(cast, 'note', null);
    expect(readModel(writeModel(model)).graph.nodes.find((node) => node.opType === 'Cast')?.attribute.map((a) => [a.name, a.i])).toEqual([['to', 11n]]);
  });
});
