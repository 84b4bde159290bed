import path from 'node:path';
import { ErrorCode } from '@edgepress/errors';
import { definePlugin, z } from '@edgepress/plugin-sdk';
import scaleWeight from '../test/fixtures/scale-weight.plugin';
import { linearModel } from '../test/models';
import { compareOutputs, ocrLines, ocrModelPath, randomInputs, readModel, runOnnx, testPlugin } from './index';

jest.setTimeout(60_000);

const entry = path.join(__dirname, '../test/fixtures/scale-weight.plugin.ts');
let model: Uint8Array;

beforeAll(() => {
  model = linearModel();
});

describe('testPlugin', () => {
  it('runs a plugin in process and returns a model that computes what the plugin did', async () => {
    const run = await testPlugin(scaleWeight, { model, target: 'xeon-e5-2690-v4', params: { factor: 3 } });
    expect(run.result).toEqual({ summary: { elements: 32, batches: 0 } });
    expect(run.logs.map(({ level, message, fields }) => ({ level, message, fields }))).toEqual([{ level: 'info', message: 'scaled', fields: { weight: 'fc_w' } }]);
    expect(run.progress).toEqual([[1, 'done']]);
    expect(run.target.quantization.reduceRange).toBe(true);
    const original = readModel(model).readWeight('fc_w').data as Float32Array;
    expect(Array.from(run.model.readWeight('fc_w').data as Float32Array)).toEqual(Array.from(original, (v) => Math.fround(v * 3)));
    // y = x W + b: scaling W by 3 scales y - b by 3.
    const feeds = await randomInputs(model, { seed: 1, dims: { n: 2 } });
    const [before, after] = await Promise.all([runOnnx(model, feeds), runOnnx(run.bytes, feeds)]);
    const bias = readModel(model).readWeight('fc_b').data as Float32Array;
    const expected = Array.from(before.y.data as Float32Array, (v, i) => (v - bias[i % 4]) * 3 + bias[i % 4]);
    (after.y.data as Float32Array).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 4));
    expect(compareOutputs(before, after).cosine).toBeLessThan(1);
  });

  it('runs the same plugin in the sandbox with the same result', async () => {
    const [inProcess, sandboxed] = await Promise.all([
      testPlugin(scaleWeight, { model, target: 'xeon-e5-2690-v4', params: { factor: 0.5 } }),
      testPlugin(scaleWeight, { model, target: 'xeon-e5-2690-v4', params: { factor: 0.5 }, sandbox: true, entry }),
    ]);
    expect(sandboxed.bytes).toEqual(inProcess.bytes);
    expect(sandboxed.result).toEqual(inProcess.result);
    expect(sandboxed.logs.map((entryLog) => entryLog.message)).toEqual(['scaled']);
    await expect(testPlugin(scaleWeight, { model, target: 'xeon-e5-2690-v4', sandbox: true })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT, message: expect.stringMatching(/entry/) });
  });

  it('refuses bad params and unsupported targets as the pipeline would', async () => {
    await expect(testPlugin(scaleWeight, { model, target: 'xeon-e5-2690-v4', params: { factor: -1 } })).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, message: expect.stringMatching(/factor/) });
    await expect(testPlugin(scaleWeight, { model, target: 'stm32h7' })).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, message: expect.stringMatching(/does not support target stm32h7: not for microcontrollers/) });
    await expect(testPlugin(scaleWeight, { model, target: 'no-such-target' })).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    await expect(testPlugin(scaleWeight, { model: '/nonexistent/model.onnx', target: 'xeon-e5-2690-v4' })).rejects.toMatchObject({ code: ErrorCode.FILE_NOT_FOUND });
  });

  it('fails a plugin whose output does not load in ONNX Runtime, and keeps the sandbox rules in process', async () => {
    const breaker = definePlugin({
      name: 'breaker',
      version: '1.0.0',
      kind: 'transform',
      description: 'Test plugin: rewires a node to a value nothing produces, or passes a function to the host',
      params: z.object({ mode: z.enum(['dangle', 'function', 'secret']) }),
      engines: '^1.0.0',
      async run(ctx, params) {
        if (params.mode === 'function') await ctx.model.uniqueName((() => 'x') as unknown as string);
        if (params.mode === 'secret') await ctx.tensors.read({ id: 't1', dataType: 'float', dims: [] });
        await ctx.model.setNodeInputs('bias', ['h', 'nowhere']);
      },
    });
    await expect(testPlugin(breaker, { model, target: 'raspberry-pi-4', params: { mode: 'dangle' } })).rejects.toMatchObject({ code: ErrorCode.INVALID_MODEL, message: expect.stringMatching(/breaker does not load in ONNX Runtime/) });
    await expect(testPlugin(breaker, { model, target: 'raspberry-pi-4', params: { mode: 'function' } })).rejects.toMatchObject({ code: ErrorCode.PLUGIN_FAILED, message: expect.stringMatching(/cannot cross the sandbox boundary/) });
    await expect(testPlugin(breaker, { model, target: 'raspberry-pi-4', params: { mode: 'secret' } })).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
  });

  it('gives a plugin real calibration data: PP-OCR classifier activations on the shared OCR lines', async () => {
    const ranges = definePlugin({
      name: 'first-conv-range',
      version: '1.0.0',
      kind: 'quantize',
      description: 'Test plugin: reports the calibrated range of the first Conv output and the fidelity of an unchanged model',
      params: z.object({}),
      engines: '^1.0.0',
      async run(ctx) {
        const conv = (await ctx.model.graph()).nodes.find((node) => node.opType === 'Conv');
        if (conv === undefined) throw new Error('no Conv');
        const range = (await ctx.calibration.ranges([conv.outputs[0]], { method: 'minmax' }))[conv.outputs[0]];
        const fidelity = await ctx.runtime.evaluate({ batches: 2 });
        return { summary: { min: range.min, max: range.max, cosine: fidelity.cosine, batches: ctx.calibration.batches } };
      },
    });
    const run = await testPlugin(ranges, { model: ocrModelPath('classifier'), target: 'raspberry-pi-5', calibration: await ocrLines(3) });
    expect(run.result?.summary).toMatchObject({ batches: 3, cosine: 1 });
    expect(run.result?.summary?.min as number).toBeLessThan(0);
    expect(run.result?.summary?.max as number).toBeGreaterThan(0);
    const random = await testPlugin(ranges, { model: ocrModelPath('classifier'), target: 'raspberry-pi-5', calibration: { random: 2, dims: { 'p2o.DynamicDimension.1': 48, 'p2o.DynamicDimension.2': 192 } } });
    expect(random.result?.summary?.batches).toBe(2);
  });
});

describe('compareOutputs', () => {
  const tensor = (values: number[]) => ({ dataType: 'float32', dims: [values.length], data: Float32Array.from(values) });

  it('measures cosine, errors and SQNR per output and overall', () => {
    const same = compareOutputs({ y: tensor([1, 2, 3]) }, { y: tensor([1, 2, 3]) });
    expect(same).toMatchObject({ cosine: 1, maxAbsError: 0, meanAbsError: 0, sqnrDb: Infinity });
    const off = compareOutputs({ y: tensor([3, 4]), z: tensor([1, 0]) }, { y: tensor([3, 4.5]), z: tensor([0, 1]) });
    expect(off.outputs.y.maxAbsError).toBeCloseTo(0.5, 6);
    expect(off.outputs.y.sqnrDb).toBeCloseTo(10 * Math.log10(25 / 0.25), 6);
    expect(off.outputs.z.cosine).toBe(0);
    expect(off.cosine).toBe(0);
    expect(() => compareOutputs({ y: tensor([1]) }, { x: tensor([1]) })).toThrow(/no output 'y'/);
    expect(() => compareOutputs({ y: tensor([1]) }, { y: tensor([1, 2]) })).toThrow(/dims/);
  });
});
