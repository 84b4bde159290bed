import path from 'node:path';
import { ErrorCode } from '@edgepress/errors';
import { buildPluginBundle, connectKernels } from '@edgepress/plugin-host';
import { getTarget, type TargetDefinition } from '@edgepress/targets';
import { mlpClassifier } from '../../test/models';
import { staticRegistry, type PluginRegistry } from './plugin-registry';
import { runPipeline } from './run-pipeline';
import { validatePipeline } from './validate-pipeline';

jest.setTimeout(120_000);

const fixture = (name: string) => path.join(__dirname, '../../test/fixtures', `${name}.plugin.ts`);
const calibration = { type: 'mnist', layout: 'flat', limit: 4 } as const;
let registry: PluginRegistry;
let model: Uint8Array;

/** A team's own target, as a run stores its snapshot (a JSON definition with an id outside the catalog). */
function teamTarget(catalogId: string, id: string, changes: Record<string, unknown> = {}): TargetDefinition {
  return { ...JSON.parse(JSON.stringify(getTarget(catalogId))), id, name: `Team target ${id}`, ...changes } as TargetDefinition;
}
const labCpu = teamTarget('raspberry-pi-4', 'lab-board', { name: 'Lab board' });
const labNpu = teamTarget('coral-edge-tpu', 'lab-npu');

beforeAll(async () => {
  registry = staticRegistry(await Promise.all(['prune-smallest', 'fake-quant'].map((name) => buildPluginBundle(fixture(name)))));
  model = mlpClassifier();
});

describe('validatePipeline with a target definition', () => {
  it('refuses a team target id it was not given a definition for', async () => {
    await expect(validatePipeline({ target: 'lab-board', stages: [{ plugin: 'fake-quant' }], calibration }, { model, registry })).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      message: expect.stringMatching(/Unknown hardware target "lab-board"/),
    });
  });

  it('uses the definition it is given: its id, its precisions and its kind reach the checks and the plugins', async () => {
    const prepared = await validatePipeline({ target: 'lab-board', stages: [{ plugin: 'prune-smallest' }], calibration }, { model, registry, target: labCpu });
    expect(prepared.target).toMatchObject({ id: 'lab-board', name: 'Lab board', kind: 'cpu' });
    expect(prepared.pluginTarget.id).toBe('lab-board');
    // An int8-only team NPU refuses a pipeline that does not quantize, naming the team's target.
    await expect(validatePipeline({ target: 'lab-npu', stages: [{ plugin: 'prune-smallest' }], calibration }, { model, registry, target: labNpu })).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      message: expect.stringMatching(/Target lab-npu runs only int8/),
    });
    // A team MCU: the plugin's own supports(target) sees the team's definition.
    const labMcu = teamTarget('stm32h7', 'lab-mcu');
    await expect(validatePipeline({ target: 'lab-mcu', stages: [{ plugin: 'prune-smallest' }, { plugin: 'fake-quant' }], calibration }, { model, registry, target: labMcu })).rejects.toMatchObject({
      message: expect.stringMatching(/Stage 1 \(prune-smallest\): does not support target lab-mcu/),
    });
  });

  it('refuses a definition that is invalid or names another target', async () => {
    await expect(validatePipeline({ target: 'lab-board', stages: [{ plugin: 'fake-quant' }], calibration }, { model, registry, target: teamTarget('raspberry-pi-4', 'lab-board', { cores: 'four' }) })).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      message: expect.stringMatching(/Invalid hardware target.*cores/),
    });
    await expect(validatePipeline({ target: 'raspberry-pi-4', stages: [{ plugin: 'fake-quant' }], calibration }, { model, registry, target: labCpu })).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      message: 'The pipeline names target raspberry-pi-4, but the target definition it was given is lab-board',
    });
  });
});

it('runPipeline measures and reports against the team target it was given', async () => {
  const slowBoard = teamTarget('raspberry-pi-4', 'lab-board', { peakMacsPerSecond: { fp32: 1e8, int8: 4e8 } });
  const run = (target: TargetDefinition) =>
    runPipeline({ target: 'lab-board', stages: [{ plugin: 'fake-quant' }], calibration }, { model, registry, kernels: connectKernels().kernels, latency: false, target });
  const [fast, slow] = [await run(labCpu), await run(slowBoard)];
  expect(fast.report.target).toMatchObject({ id: 'lab-board', name: 'Lab board' });
  expect(fast.baseline.estimate?.targetId).toBe('lab-board');
  // The report says which shapes the model was measured at (here those of the calibration samples).
  expect(fast.report.data.inputShapes).toEqual({ x: [1, 784] });
  // The roofline estimate follows the definition's throughput: ten times fewer MACs per second, a slower estimate.
  expect(slow.baseline.estimate?.latencyMs).toBeGreaterThan(fast.baseline.estimate?.latencyMs ?? Infinity);
});
