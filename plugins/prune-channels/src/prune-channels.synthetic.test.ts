/**
 * prune-channels on small models built by python-onnx, one per rewiring rule (chain with BN,
 * residual Add, depthwise, Concat, SE gate, GAP -> Flatten -> Gemm head, and blocked cases). The
 * check is independent of the plugin's code: the pruned model, run in ONNX Runtime, must compute
 * what a plain TypeScript evaluation of the ORIGINAL model computes when the removed channels are
 * zeroed where their readers see them. Removed channels are read back from the output weights
 * (which rows of the original producer weight survived), and the counts must be the requested ones.
 */
import { compareOutputs, readModel, runOnnx, testPlugin, type OnnxOutput } from '@edgepress/plugin-sdk/testing';
import pruneChannels from './index';
import { evaluateReference } from './test-support/reference-graph';
import { pythonModels } from './test-support/python-models';

const models = pythonModels(`
save('chain', [node('Conv', ['x', 'c1_w', 'c1_b'], ['c1'], 'c1', pads=[1,1,1,1]),
  node('BatchNormalization', ['c1', 'bn_s', 'bn_b', 'bn_m', 'bn_v'], ['bn'], 'bn1'),
  node('Relu', ['bn'], ['r1'], 'r1'), node('Conv', ['r1', 'c2_w'], ['y'], 'c2', pads=[1,1,1,1])],
  [('x', [1, 3, 8, 8])], [('y', 4)], {'c1_w': w(8, 3, 3, 3), 'c1_b': w(8), 'bn_s': w(8) + 1, 'bn_b': w(8), 'bn_m': w(8), 'bn_v': np.abs(w(8)) + 0.5, 'c2_w': w(6, 8, 3, 3)})
save('residual', [node('Conv', ['x', 'c0_w'], ['c0'], 'c0'), node('Relu', ['c0'], ['a0'], 'a0'),
  node('Conv', ['a0', 'c1_w', 'c1_b'], ['c1'], 'c1'), node('Relu', ['c1'], ['r1'], 'r1'),
  node('Conv', ['r1', 'c2_w', 'c2_b'], ['c2'], 'c2', pads=[1,1,1,1]), node('Add', ['a0', 'c2'], ['sum'], 'add'),
  node('Relu', ['sum'], ['rs'], 'rs'), node('Conv', ['rs', 'c3_w'], ['y'], 'c3')],
  [('x', [1, 3, 6, 6])], [('y', 4)], {'c0_w': w(8, 3, 1, 1), 'c1_w': w(16, 8, 1, 1), 'c1_b': w(16), 'c2_w': w(8, 16, 3, 3), 'c2_b': w(8), 'c3_w': w(4, 8, 1, 1)})
save('depthwise', [node('Conv', ['x', 'c1_w'], ['c1'], 'c1'), node('Relu', ['c1'], ['r1'], 'r1'),
  node('Conv', ['r1', 'dw_w', 'dw_b'], ['dw'], 'dw', group=8, pads=[1,1,1,1]), node('Relu', ['dw'], ['r2'], 'r2'),
  node('Conv', ['r2', 'c3_w'], ['y'], 'c3')],
  [('x', [1, 3, 6, 6])], [('y', 4)], {'c1_w': w(8, 3, 1, 1), 'dw_w': w(8, 1, 3, 3), 'dw_b': w(8), 'c3_w': w(4, 8, 1, 1)})
save('concat', [node('Conv', ['x', 'a_w'], ['a'], 'a'), node('Relu', ['a'], ['ra'], 'ra'),
  node('Conv', ['x', 'b_w', 'b_b'], ['b'], 'b', pads=[1,1,1,1]), node('Relu', ['b'], ['rb'], 'rb'),
  node('Concat', ['ra', 'rb'], ['cat'], 'cat', axis=1), node('Conv', ['cat', 'c_w'], ['y'], 'c')],
  [('x', [1, 3, 5, 5])], [('y', 4)], {'a_w': w(4, 3, 1, 1), 'b_w': w(6, 3, 3, 3), 'b_b': w(6), 'c_w': w(5, 10, 1, 1)})
save('se', [node('Conv', ['x', 'c1_w'], ['c1'], 'c1'), node('Relu', ['c1'], ['r1'], 'r1'),
  node('GlobalAveragePool', ['r1'], ['g'], 'gap'), node('Conv', ['g', 's1_w', 's1_b'], ['s1'], 's1'), node('Relu', ['s1'], ['sr'], 'sr'),
  node('Conv', ['sr', 's2_w', 's2_b'], ['s2'], 's2'), node('Sigmoid', ['s2'], ['sg'], 'sg'), node('Mul', ['r1', 'sg'], ['m'], 'gate'),
  node('Conv', ['m', 'c3_w'], ['y'], 'c3')],
  [('x', [1, 3, 5, 5])], [('y', 4)], {'c1_w': w(8, 3, 1, 1), 's1_w': w(4, 8, 1, 1), 's1_b': w(4), 's2_w': w(8, 4, 1, 1), 's2_b': w(8), 'c3_w': w(4, 8, 1, 1)})
save('head', [node('Conv', ['x', 'c1_w', 'c1_b'], ['c1'], 'c1', pads=[1,1,1,1]), node('Relu', ['c1'], ['r1'], 'r1'),
  node('GlobalAveragePool', ['r1'], ['g'], 'gap'), node('Flatten', ['g'], ['f'], 'flat', axis=1),
  node('Gemm', ['f', 'fc_w', 'fc_b'], ['y'], 'fc', transB=1)],
  [('x', [2, 3, 6, 6])], [('y', 2)], {'c1_w': w(8, 3, 3, 3), 'c1_b': w(8), 'fc_w': w(5, 8), 'fc_b': w(5)})
dead = w(8, 3, 1, 1)
dead[:4] = 0
save('dead', [node('Conv', ['x', 'c1_w', 'c1_b'], ['c1'], 'c1'), node('Relu', ['c1'], ['r1'], 'r1'), node('Conv', ['r1', 'c2_w'], ['y'], 'c2')],
  [('x', [1, 3, 5, 5])], [('y', 4)], {'c1_w': dead, 'c1_b': np.abs(w(8)) + 0.1, 'c2_w': w(4, 8, 1, 1)})
save('blocked', [node('Conv', ['x', 'c1_w'], ['c1'], 'c1'), node('Relu', ['c1'], ['r1'], 'r1'),
  node('Conv', ['x', 'c2_w'], ['c2'], 'c2'), node('Reshape', ['c2', 'shape'], ['y2'], 'reshape')],
  [('x', [1, 3, 4, 4])], [('r1', 4), ('y2', 2)], {'c1_w': w(8, 3, 1, 1), 'c2_w': w(8, 3, 1, 1), 'shape': np.array([1, -1], dtype=np.int64)})
`);

const PARAMS = { ratio: 0.5, scope: 'per-layer', minChannels: 1, roundTo: 1, criterion: 'l1' };

function feed(dims: number[], seed: number): { dims: number[]; data: Float32Array } {
  let state = seed;
  const data = Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 1073741824 - 1;
  });
  return { dims, data };
}

function weightOf(bytes: Uint8Array, name: string): { dims: readonly number[]; data: Float32Array } {
  const model = readModel(bytes);
  const node = model.graph.nodes.find((item) => item.name === name);
  if (node === undefined) throw new Error(`no node ${name}`);
  const tensor = model.readWeight(node.input[1]);
  return { dims: tensor.dims, data: tensor.data as Float32Array };
}

/** Which output channels (rows along axis 0) of the original weight survive in the pruned one. */
function keptRows(original: Uint8Array, pruned: Uint8Array, layer: string): number[] {
  const before = weightOf(original, layer);
  const after = weightOf(pruned, layer);
  const rowOf = (w: { dims: readonly number[]; data: Float32Array }, r: number) => {
    const size = w.data.length / w.dims[0];
    return Array.from(w.data.subarray(r * size, (r + 1) * size));
  };
  // A kept row may also have lost input channels: it must be a subsequence of its original row.
  const kept: number[] = [];
  for (let r = 0; r < after.dims[0]; r++) {
    const row = rowOf(after, r);
    const match = [...Array(before.dims[0]).keys()].find((candidate) => {
      const original = rowOf(before, candidate);
      let j = 0;
      for (const value of original) if (j < row.length && value === row[j]) j++;
      return j === row.length && !kept.includes(candidate);
    });
    if (match === undefined) throw new Error(`row ${r} of ${layer} matches no original row`);
    kept.push(match);
  }
  return kept;
}

function removedOf(kept: readonly number[], channels: number): number[] {
  return [...Array(channels).keys()].filter((c) => !kept.includes(c));
}

function expectClose(actual: OnnxOutput, expected: { dims: number[]; data: Float64Array }): void {
  expect([...actual.dims]).toEqual(expected.dims);
  const data = actual.data as Float32Array;
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < data.length; i++) {
    worst = Math.max(worst, Math.abs(data[i] - expected.data[i]));
    scale = Math.max(scale, Math.abs(expected.data[i]));
  }
  expect(worst).toBeLessThanOrEqual(1e-5 * Math.max(1, scale));
}

async function prune(name: string, params: Record<string, unknown> = PARAMS) {
  const run = await testPlugin(pruneChannels, { model: models[name], target: 'xeon-e5-2690-v4', params });
  return run;
}

describe('prune-channels on synthetic models (ORT vs a TypeScript reference with the removed channels zeroed)', () => {
  it('Conv -> BatchNormalization -> Relu -> Conv: slices the producer, the BN and the reader', async () => {
    const run = await prune('chain');
    const kept = keptRows(models.chain, run.bytes, 'c1');
    expect(kept).toHaveLength(4);
    expect(weightOf(run.bytes, 'c2').dims).toEqual([6, 4, 3, 3]);
    expect(weightOf(run.bytes, 'bn1').dims).toEqual([4]);
    const x = feed([1, 3, 8, 8], 1);
    const actual = await runOnnx(run.bytes, { x });
    expectClose(actual.y, evaluateReference(models.chain, { inputs: { x }, zero: { r1: removedOf(kept, 8) } }).y);
    expect(run.result?.summary).toMatchObject({ groupsPruned: 1, channelsRemoved: 4, 'pruned:c1': '4/8' });
    expect(run.result?.summary?.parametersAfter).toBe(Number(run.result?.summary?.parametersBefore) - 4 * 27 - 4 - 4 * 4 - 6 * 4 * 9);
  });

  it('residual Add: both producers of the tied channels drop the same ones', async () => {
    const run = await prune('residual');
    const keptA = keptRows(models.residual, run.bytes, 'c0');
    const keptB = keptRows(models.residual, run.bytes, 'c1');
    expect(keptA).toHaveLength(4);
    expect(keptB).toHaveLength(8);
    expect(keptRows(models.residual, run.bytes, 'c2')).toEqual(keptA);
    expect(weightOf(run.bytes, 'c3').dims).toEqual([4, 4, 1, 1]);
    const x = feed([1, 3, 6, 6], 2);
    const actual = await runOnnx(run.bytes, { x });
    const zero = { a0: removedOf(keptA, 8), rs: removedOf(keptA, 8), r1: removedOf(keptB, 16) };
    expectClose(actual.y, evaluateReference(models.residual, { inputs: { x }, zero }).y);
  });

  it('depthwise Conv: the channel goes through it in lockstep (weight, bias and group)', async () => {
    const run = await prune('depthwise');
    const kept = keptRows(models.depthwise, run.bytes, 'c1');
    expect(kept).toHaveLength(4);
    const model = readModel(run.bytes);
    const dw = model.graph.nodes.find((node) => node.name === 'dw')!;
    expect(model.readWeight(dw.input[1]).dims).toEqual([4, 1, 3, 3]);
    expect(model.readWeight(dw.input[2]).dims).toEqual([4]);
    expect(Number(dw.attribute.find((attribute) => attribute.name === 'group')!.i)).toBe(4);
    const x = feed([1, 3, 6, 6], 3);
    const actual = await runOnnx(run.bytes, { x });
    expectClose(actual.y, evaluateReference(models.depthwise, { inputs: { x }, zero: { r2: removedOf(kept, 8) } }).y);
  });

  it('Concat: each segment prunes on its own and the reader drops the shifted input channels', async () => {
    const run = await prune('concat');
    const keptA = keptRows(models.concat, run.bytes, 'a');
    const keptB = keptRows(models.concat, run.bytes, 'b');
    expect([keptA.length, keptB.length]).toEqual([2, 3]);
    expect(weightOf(run.bytes, 'c').dims).toEqual([5, 5, 1, 1]);
    const x = feed([1, 3, 5, 5], 4);
    const actual = await runOnnx(run.bytes, { x });
    const zero = { cat: [...removedOf(keptA, 4), ...removedOf(keptB, 6).map((c) => c + 4)] };
    expectClose(actual.y, evaluateReference(models.concat, { inputs: { x }, zero }).y);
  });

  it('SE block: the gate and the gated tensor are pruned together, and the squeeze layer on its own', async () => {
    const run = await prune('se');
    const kept = keptRows(models.se, run.bytes, 'c1');
    expect(kept).toHaveLength(4);
    expect(keptRows(models.se, run.bytes, 's2')).toEqual(kept);
    const keptSqueeze = keptRows(models.se, run.bytes, 's1');
    expect(keptSqueeze).toHaveLength(2);
    const x = feed([1, 3, 5, 5], 5);
    const actual = await runOnnx(run.bytes, { x });
    const zero = { g: removedOf(kept, 8), m: removedOf(kept, 8), sr: removedOf(keptSqueeze, 4) };
    expectClose(actual.y, evaluateReference(models.se, { inputs: { x }, zero }).y);
  });

  it('GlobalAveragePool -> Flatten -> Gemm: the Gemm drops input columns', async () => {
    const run = await prune('head');
    const kept = keptRows(models.head, run.bytes, 'c1');
    expect(kept).toHaveLength(4);
    expect(weightOf(run.bytes, 'fc').dims).toEqual([5, 4]);
    const x = feed([2, 3, 6, 6], 6);
    const actual = await runOnnx(run.bytes, { x });
    expectClose(actual.y, evaluateReference(models.head, { inputs: { x }, zero: { f: removedOf(kept, 8) } }).y);
  });

  it('leaves channels that reach a graph output or a Reshape alone, and says why', async () => {
    const run = await prune('blocked');
    expect(run.result?.summary).toMatchObject({ groupsPruned: 0, channelsRemoved: 0 });
    expect(run.result?.notes?.join('\n')).toMatch(/c1 \(8 channels\) kept: they reach graph output 'r1'/);
    expect(run.result?.notes?.join('\n')).toMatch(/c2 \(8 channels\) kept: Reshape reshape/);
    const x = feed([1, 3, 4, 4], 7);
    expect(compareOutputs(await runOnnx(models.blocked, { x }), await runOnnx(run.bytes, { x })).maxAbsError).toBe(0);
  });

  it('honours exclude, per-layer ratios, the channel floor and roundTo', async () => {
    const excluded = await prune('residual', { ...PARAMS, exclude: ['c1'] });
    expect(excluded.result?.summary).toMatchObject({ 'pruned:c0': '4/8', groupsPruned: 1 });
    expect(excluded.result?.summary?.['pruned:c1']).toBeUndefined();
    expect(excluded.result?.notes).toContain('c1 kept: c1 is excluded');
    await expect(prune('residual', { ...PARAMS, exclude: ['c9'] })).rejects.toThrow(/exclude.*'c9'/);
    const perLayer = await prune('residual', { ...PARAMS, layerRatios: { c1: 0.25 } });
    expect(perLayer.result?.summary).toMatchObject({ 'pruned:c0': '4/8', 'pruned:c1': '4/16' });
    const floored = await prune('residual', { ...PARAMS, ratio: 0.9, minChannels: 6 });
    expect(floored.result?.summary).toMatchObject({ 'pruned:c0': '2/8', 'pruned:c1': '10/16' });
    const rounded = await prune('residual', { ...PARAMS, ratio: 0.3, roundTo: 4 });
    expect(rounded.result?.summary).toMatchObject({ 'pruned:c0': '4/8', 'pruned:c1': '4/16' });
  });

  it('global scope removes the requested share of all prunable channels, spread by importance', async () => {
    const run = await prune('residual', { ...PARAMS, scope: 'global' });
    expect(run.result?.summary).toMatchObject({ channelsPrunable: 24, channelsRemoved: 12 });
    const kept = [keptRows(models.residual, run.bytes, 'c0').length, keptRows(models.residual, run.bytes, 'c1').length];
    expect(kept[0] + kept[1]).toBe(12);
  });

  it('bn-gamma removes the channels whose BatchNormalization scale is smallest', async () => {
    const run = await prune('chain', { ...PARAMS, ratio: 0.25, criterion: 'bn-gamma' });
    const gamma = readModel(models.chain).readWeight('bn_s').data as Float32Array;
    const smallest = [...gamma.keys()].sort((a, b) => Math.abs(gamma[a]) - Math.abs(gamma[b])).slice(0, 2).sort();
    expect(removedOf(keptRows(models.chain, run.bytes, 'c1'), 8)).toEqual(smallest);
  });

  it('removes the channels with the smallest weight norms', async () => {
    const run = await prune('chain', { ...PARAMS, ratio: 0.25 });
    const kept = keptRows(models.chain, run.bytes, 'c1');
    const c1 = weightOf(models.chain, 'c1');
    const c2 = weightOf(models.chain, 'c2');
    const score = [...Array(8).keys()].map((c) => {
      let producer = 0;
      let reader = 0;
      for (let k = 0; k < 27; k++) producer += Math.abs(c1.data[c * 27 + k]);
      for (let o = 0; o < 6; o++) for (let k = 0; k < 9; k++) reader += Math.abs(c2.data[(o * 8 + c) * 9 + k]);
      return { c, producer, reader };
    });
    const meanP = score.reduce((s, v) => s + v.producer, 0) / 8;
    const meanR = score.reduce((s, v) => s + v.reader, 0) / 8;
    const expectedRemoved = score.sort((a, b) => a.producer / meanP + a.reader / meanR - (b.producer / meanP + b.reader / meanR)).slice(0, 2).map((s) => s.c).sort();
    expect(removedOf(kept, 8)).toEqual(expectedRemoved);
  });

  it('with calibration data: removes constant channels first and moves their value into the reader bias (lossless here)', async () => {
    const params = { ...PARAMS, criterion: 'auto' };
    const run = await testPlugin(pruneChannels, { model: models.dead, target: 'xeon-e5-2690-v4', params, calibration: { random: 4 } });
    expect(run.result?.summary).toMatchObject({ criterion: 'activation', biasCompensation: true, 'pruned:c1': '4/8' });
    expect(keptRows(models.dead, run.bytes, 'c1')).toEqual([4, 5, 6, 7]);
    const x = feed([1, 3, 5, 5], 8);
    expect(compareOutputs(await runOnnx(models.dead, { x }), await runOnnx(run.bytes, { x })).maxAbsError).toBeLessThan(1e-5);
    const uncompensated = await testPlugin(pruneChannels, { model: models.dead, target: 'xeon-e5-2690-v4', params: { ...params, biasCompensation: false }, calibration: { random: 4 } });
    expect(compareOutputs(await runOnnx(models.dead, { x }), await runOnnx(uncompensated.bytes, { x })).maxAbsError).toBeGreaterThan(1e-2);
  });

  it('runs in the sandbox like in process', async () => {
    const entry = require.resolve('./index');
    const inProcess = await prune('se');
    const sandboxed = await testPlugin(pruneChannels, { model: models.se, target: 'xeon-e5-2690-v4', params: PARAMS, sandbox: true, entry });
    expect(sandboxed.result).toEqual(inProcess.result);
    expect(Buffer.from(sandboxed.bytes).equals(Buffer.from(inProcess.bytes))).toBe(true);
  }, 60_000);
});
