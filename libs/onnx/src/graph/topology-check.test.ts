import fs from 'node:fs';
import { graph, modelBytes, type NodeInit } from '../../test/fixtures/build-model';
import { expectInvalidModel } from '../../test/fixtures/expect-error';
import { REAL_MODELS } from '../../test/fixtures/real-models';
import { readModel } from '../model/read';
import { encodeTensor } from '../tensor/encode';
import { createTensor } from '../tensor/tensor';
import { assertValidModel, checkModel } from './check';

const F = 1;

function chain(nodes: NodeInit[], outputs: [string, number, null][] = [['y', F, null]]) {
  return readModel(modelBytes(graph({ nodes, inputs: [['x', F, [2]]], outputs })));
}

describe('topological order', () => {
  it('keeps the order of every shipped model, which is already topological', () => {
    for (const file of REAL_MODELS) {
      const model = readModel(new Uint8Array(fs.readFileSync(file)));
      expect(model.graph.topologicalOrder()).toEqual(model.graph.nodes);
      expect(model.graph.sortTopologically()).toBe(false);
    }
  });

  it('sorts shuffled nodes so that every node follows what it reads, stably', () => {
    const model = chain([
      { op: 'Relu', name: 'c', inputs: ['b'], outputs: ['y'] },
      { op: 'Neg', name: 'a', inputs: ['x'], outputs: ['a'] },
      { op: 'Abs', name: 'side', inputs: ['x'], outputs: ['s'] },
      { op: 'Add', name: 'b', inputs: ['a', 's'], outputs: ['b'] },
    ]);
    expect(checkModel(model).map((issue) => issue.code)).toEqual(['unsorted']);
    expect(model.graph.sortTopologically()).toBe(true);
    expect(model.graph.nodes.map((node) => node.name)).toEqual(['a', 'side', 'b', 'c']);
    expect(checkModel(model)).toEqual([]);
  });

  it('orders a node before a Loop whose body reads its output from outer scope', () => {
    const body = graph({
      name: 'body',
      nodes: [{ op: 'Add', inputs: ['v', 'outer'], outputs: ['v2'] }, { op: 'Identity', inputs: ['cond'], outputs: ['cond2'] }],
      inputs: [['i', 7, []], ['cond', 9, []], ['v', F, [2]]],
      outputs: [['cond2', 9, []], ['v2', F, [2]]],
    });
    const model = readModel(
      modelBytes(
        graph({
          nodes: [
            { op: 'Loop', name: 'loop', inputs: ['', 'c', 'x'], outputs: ['y'], attributes: { body: { type: 'graph', value: body } } },
            { op: 'Neg', name: 'producer', inputs: ['x'], outputs: ['outer'] },
          ],
          inputs: [['x', F, [2]], ['c', 9, []]],
          outputs: [['y', F, [2]]],
        }),
      ),
    );
    expect(model.graph.topologicalOrder().map((node) => node.name)).toEqual(['producer', 'loop']);
  });

  it('refuses a cycle with INVALID_MODEL naming the nodes on it', () => {
    const model = chain([
      { op: 'Add', name: 'first', inputs: ['x', 'second_out'], outputs: ['first_out'] },
      { op: 'Neg', name: 'second', inputs: ['first_out'], outputs: ['second_out'] },
      { op: 'Identity', name: 'last', inputs: ['second_out'], outputs: ['y'] },
    ]);
    expectInvalidModel(() => model.graph.topologicalOrder(), /cycle among 3 nodes, including Add node 'first', Neg node 'second'/);
    expect(checkModel(model).map((issue) => issue.code)).toEqual(['cycle']);
  });
});

describe('structural check', () => {
  it('finds no errors in the shipped models', () => {
    for (const file of REAL_MODELS) {
      expect(checkModel(readModel(new Uint8Array(fs.readFileSync(file)))).filter((issue) => issue.severity === 'error')).toEqual([]);
    }
  });

  it('reports dangling inputs, values defined twice, unproduced outputs, unknown domains and missing op types', () => {
    const model = chain(
      [
        { op: 'Add', name: 'reads_nothing', inputs: ['x', 'ghost'], outputs: ['a'] },
        { op: 'Neg', name: 'again', inputs: ['x'], outputs: ['a'] },
        { op: 'Custom', domain: 'com.example', name: 'custom', inputs: ['a'], outputs: ['b'] },
        { op: '', name: 'blank', inputs: ['b'], outputs: ['y'] },
        { op: 'Relu', name: 'again', inputs: ['y'], outputs: ['z'] },
      ],
      [['y', F, null], ['missing', F, null]],
    );
    const issues = checkModel(model);
    expect(issues.map((issue) => `${issue.severity}:${issue.code}`).sort()).toEqual([
      'error:dangling-input',
      'error:duplicate-value',
      'error:missing-op-type',
      'error:missing-opset',
      'error:missing-output',
      'warning:duplicate-node-name',
    ]);
    expect(issues.find((issue) => issue.code === 'dangling-input')?.message).toMatch(/Add node 'reads_nothing' reads 'ghost', which nothing defines/);
    expect(issues.find((issue) => issue.code === 'duplicate-value')?.message).toMatch(/'a' is defined by Add node 'reads_nothing' and by Neg node 'again'/);
    const error = expectInvalidModel(() => assertValidModel(model), /Model has 5 structural errors/);
    expect((error.details?.issues as unknown[]).length).toBe(5);
  });

  it('accepts an initializer that is also declared as a graph input (IR < 4 style) and warns about shadowing in subgraphs', () => {
    const branch = graph({ name: 'inner', nodes: [{ op: 'Neg', inputs: ['x'], outputs: ['x2'] }, { op: 'Neg', inputs: ['x2'], outputs: ['a'] }], outputs: [['a', F, null]] });
    const main = graph({
      nodes: [
        { op: 'Add', inputs: ['x', 'w'], outputs: ['a'] },
        { op: 'If', inputs: ['c'], outputs: ['y'], attributes: { then_branch: { type: 'graph', value: branch }, else_branch: { type: 'graph', value: branch } } },
      ],
      inputs: [['x', F, [2]], ['c', 9, []], ['w', F, [2]]],
      outputs: [['y', F, null]],
      initializers: [encodeTensor(createTensor({ name: 'w', dataType: 'float', dims: [2], data: [1, 2] }))],
    });
    const issues = checkModel(readModel(modelBytes(main)));
    expect(issues.map((issue) => `${issue.severity}:${issue.code}`)).toEqual(['warning:shadowed-value', 'warning:shadowed-value']);
  });
});
