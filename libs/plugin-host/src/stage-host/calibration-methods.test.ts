/**
 * @jest-environment ./test/single-realm-environment.cjs
 */
import { ErrorCode } from '@edgepress/errors';
import { readModel, writeModel } from '@edgepress/onnx';
import { convNet, runOrt, seededFloats } from '../../test/stage-host/models';
import { ortProviders } from '../../test/stage-host/ort-providers';
import { connectKernels } from './kernel-connection';
import { createStageHost } from './create-stage-host';

const kernels = connectKernels().kernels;
let bytes: Uint8Array;
const batches = Array.from({ length: 5 }, (_, i) => ({ x: { dims: [1, 2, 6, 6], data: seededFloats(72, i + 1, 1 + i) } }));

beforeAll(() => {
  bytes = convNet();
});

function stage(providers = ortProviders(batches), limits?: { maxTensorBytes: number }) {
  return { host: createStageHost({ model: readModel(bytes), kernels, providers, limits }), providers };
}

/** conv_out of every batch, straight from ONNX Runtime on a model cut at conv_out. */
async function convOutputs(): Promise<Float32Array[]> {
  const { host } = stage();
  await host.handler['model.setNodeOutputs']('conv', ['conv_raw']);
  await host.handler['model.addNode']({ opType: 'Identity', inputs: ['conv_raw'], outputs: ['conv_out'] });
  await host.handler['model.setNodeOutputs']('fc', ['fc_out']);
  await host.handler['model.addNode']({ opType: 'Identity', inputs: ['conv_raw'], outputs: ['y'] });
  await host.handler['model.removeUnused']();
  const cut = writeModel(host.model);
  return Promise.all(batches.map(async (batch) => (await runOrt(cut, batch)).y.data));
}

describe('calibration', () => {
  it('hands out calibration inputs as handles', async () => {
    const { host } = stage();
    const inputs = await host.handler['calibration.inputs'](3);
    expect(Object.keys(inputs)).toEqual(['x']);
    expect(Array.from((await host.handler['tensors.read'](inputs.x)).values as Float32Array)).toEqual(Array.from(batches[3].x.data));
    await expect(host.handler['calibration.inputs'](5)).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
  });

  it('streams activations through calibrators: min-max ranges equal the extremes ONNX Runtime produced', async () => {
    const { host, providers } = stage();
    const reference = await convOutputs();
    const all = reference.flatMap((values) => Array.from(values));
    const min = Math.min(...all);
    const max = Math.max(...all);
    const ranges = await host.handler['calibration.ranges'](['conv_out', 'relu_out'], { method: 'minmax' });
    expect(ranges.conv_out.min).toBeCloseTo(Math.min(min, 0), 6);
    expect(ranges.conv_out.max).toBeCloseTo(max, 6);
    // uint8, asymmetric: the range widened to 0 spread over 255 steps.
    expect(ranges.conv_out.scale).toBeCloseTo((max - Math.min(min, 0)) / 255, 6);
    expect(ranges.conv_out.zeroPoint).toBe(Math.round(-Math.min(min, 0) / ranges.conv_out.scale));
    expect(ranges.relu_out.min).toBe(0);
    expect(ranges.relu_out.max).toBeCloseTo(max, 6);
    expect(providers.maxBatchesInFlight).toBe(1);
    const symmetric = await host.handler['calibration.ranges'](['conv_out'], { method: 'minmax', symmetric: true, reduceRange: true });
    expect(symmetric.conv_out.zeroPoint).toBe(0);
    expect(symmetric.conv_out.scale).toBeCloseTo(Math.max(-min, max) / 63, 6);
    const percentile = await host.handler['calibration.ranges'](['conv_out'], { method: 'percentile', percentile: 99 });
    expect(percentile.conv_out.max).toBeLessThanOrEqual(max + 1e-6);
    expect(providers.calls.filter((call) => call.startsWith('activations'))).toEqual(['activations conv_out,relu_out 5', 'activations conv_out 5', 'activations conv_out 5']);
  });

  it('returns one handle per batch for activations, and frees them when the byte cap is hit', async () => {
    const reference = await convOutputs();
    const { host } = stage();
    const captured = await host.handler['calibration.activations'](['conv_out'], { maxBatches: 2 });
    expect(captured.conv_out).toHaveLength(2);
    // maxBatches is an upper bound: more than the run has gives every batch, not an error.
    expect((await host.handler['calibration.activations'](['conv_out'], { maxBatches: 1000 })).conv_out).toHaveLength(reference.length);
    expect(Array.from((await host.handler['tensors.read'](captured.conv_out[1])).values as Float32Array)).toEqual(Array.from(reference[1]));

    const small = stage(ortProviders(batches), { maxTensorBytes: 600 });
    await expect(small.host.handler['calibration.activations'](['conv_out'])).rejects.toMatchObject({ code: ErrorCode.RESOURCE_EXHAUSTED, message: expect.stringMatching(/maxTensorBytes/) });
    expect(small.host.tensorBytes).toBe(0);
  });

  it('refuses unknown methods and options, and calibration without data', async () => {
    const { host } = stage();
    await expect(host.handler['calibration.ranges'](['conv_out'], { method: 'kl' } as never)).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    await expect(host.handler['calibration.ranges'](['conv_out'], { method: 'minmax', bits: 4 } as never)).rejects.toMatchObject({ message: expect.stringMatching(/Unknown option "bits"/) });
    const empty = stage(ortProviders([])).host;
    for (const call of [empty.handler['calibration.ranges'](['conv_out'], { method: 'minmax' }), empty.handler['calibration.inputs'](0), empty.handler['runtime.evaluate']()]) {
      await expect(call).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, message: expect.stringMatching(/calibration data/) });
    }
    const bare = createStageHost({ model: readModel(bytes), kernels });
    await expect(bare.handler['runtime.profile']()).rejects.toMatchObject({ code: ErrorCode.UNAVAILABLE });
  });
});

describe('runtime', () => {
  it('delegates evaluate and profile to the providers with checked options', async () => {
    const { host, providers } = stage();
    expect(await host.handler['runtime.evaluate']({ batches: 2 })).toEqual({ cosine: 0.5, sqnrDb: 10, top1Agreement: 1 });
    expect(await host.handler['runtime.profile']()).toEqual({ latencyMs: 1, nodes: { conv: 0.5 } });
    await host.handler['runtime.evaluate']();
    expect(providers.calls).toEqual(['evaluate 2', 'profile 5', 'evaluate 5']);
    await expect(host.handler['runtime.evaluate']({ batches: 6 })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    await expect(host.handler['runtime.profile']({ runs: 0 })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
  });
});
