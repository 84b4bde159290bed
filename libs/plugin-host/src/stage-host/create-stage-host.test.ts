/**
 * @jest-environment ./test/single-realm-environment.cjs
 *
 * The stage host behind a real sandbox (runPluginStage) and behind the gRPC kernel client.
 */
import path from 'node:path';
import { ErrorCode } from '@edgepress/errors';
import { readModel, writeModel } from '@edgepress/onnx';
import { HOST_METHOD_NAMES } from '@edgepress/plugin-sdk/sandbox';
import { getTarget } from '@edgepress/targets';
import { buildPluginBundle, runPluginStage } from '../index';
import { convNet, runOrt, seededFloats } from '../../test/stage-host/models';
import { ortProviders } from '../../test/stage-host/ort-providers';
import { createStageHost } from './create-stage-host';
import { connectKernels } from './kernel-connection';

// The kernel server is the real one (the library's main entry, which loads the native addon).
const { createKernelServer } = require('@edgepress/kernels-rpc') as typeof import('@edgepress/kernels-rpc');
type KernelServer = Awaited<ReturnType<typeof createKernelServer>>;
const createInProcessKernels = () => connectKernels().kernels;
import { toPluginTarget } from './plugin-target';

jest.setTimeout(60_000);

let bytes: Uint8Array;
const batches = Array.from({ length: 3 }, (_, i) => ({ x: { dims: [1, 2, 6, 6], data: seededFloats(72, i + 1) } }));

beforeAll(() => {
  bytes = convNet();
});

/** Per-channel symmetric int8 fake quantization in plain TypeScript: the reference. */
function fakeQuantizeRows(values: Float32Array, rows: number): number[] {
  const cols = values.length / rows;
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    const row = Array.from(values.subarray(r * cols, r * cols + cols));
    const scale = Math.fround((2 * Math.max(...row.map(Math.abs))) / 254);
    for (const v of row) {
      const x = Math.fround(v / scale);
      const rounded = Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x);
      const q = Math.max(-128, Math.min(127, rounded)) + 0;
      out.push(Math.fround(q * scale) + 0);
    }
  }
  return out;
}

describe('createStageHost', () => {
  it('answers exactly the methods of the plugin protocol', () => {
    const host = createStageHost({ model: readModel(bytes), kernels: createInProcessKernels() });
    expect(Object.keys(host.handler).sort()).toEqual([...HOST_METHOD_NAMES].sort());
    expect(() => createStageHost({ model: readModel(bytes), kernels: createInProcessKernels(), limits: { maxTensor: 1 } as never })).toThrow(/Unknown stage host limit/);
  });

  it('serves a sandboxed plugin end to end: its edits load in ONNX Runtime and match the reference', async () => {
    const bundle = await buildPluginBundle(path.join(__dirname, '../../test/fixtures/fake-quantize.plugin.ts'));
    const providers = ortProviders(batches);
    const host = createStageHost({ model: readModel(bytes), kernels: createInProcessKernels(), providers });
    const progress: number[] = [];
    const run = await runPluginStage({
      bundle,
      params: { calibrate: true },
      target: toPluginTarget(getTarget('xeon-e5-2690-v4')),
      handler: host.handler,
      calibrationBatches: host.calibrationBatches,
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(run.result?.summary).toMatchObject({ quantized: 2, nodes: 9, fidelity: 0.5 });
    expect(run.result?.summary?.rangeMax).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(0);
    const original = readModel(bytes);
    for (const [name, rows] of [['w', 4], ['fc_w', 64]] as const) {
      expect(Array.from(host.model.readWeight(name).data as Float32Array)).toEqual(fakeQuantizeRows(original.readWeight(name).data as Float32Array, rows));
    }
    const [before, after] = await Promise.all([runOrt(bytes, batches[0]), runOrt(writeModel(host.model), batches[0])]);
    after.y.data.forEach((v, i) => expect(v).toBeCloseTo(before.y.data[i], 1));
    host.dispose();
    expect(host.tensorBytes).toBe(0);
  });
});

describe('with the gRPC kernel client', () => {
  it('refuses kernel addresses that are not HOST:PORT', () => {
    expect(() => connectKernels({ addresses: ['localhost'] })).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }));
  });

  let server: KernelServer;
  beforeAll(async () => {
    server = await createKernelServer({ port: 0 });
  });
  afterAll(async () => {
    server.forceShutdown();
  });

  it('quantizes and calibrates through a kernel server exactly as in process', async () => {
    const connection = connectKernels({ addresses: [server.address], deadlineMs: 20_000 });
    expect(connection.remote).toBe(true);
    try {
      const remote = createStageHost({ model: readModel(bytes), kernels: connection.kernels, providers: ortProviders(batches) });
      const local = createStageHost({ model: readModel(bytes), kernels: createInProcessKernels(), providers: ortProviders(batches) });
      const results = await Promise.all(
        [remote, local].map(async (host) => {
          const weight = (await host.handler['model.graph']()).weights[0];
          const q = await host.handler['kernels.quantize'](weight.tensor, { dataType: 'int8', granularity: 'per-channel', axis: 0 });
          const ranges = await host.handler['calibration.ranges'](['conv_out'], { method: 'entropy' });
          return { q: Array.from((await host.handler['tensors.read'](q.quantized)).values as Int8Array), ranges };
        }),
      );
      expect(results[0]).toEqual(results[1]);
      await expect(remote.handler['kernels.nmPrune']((await remote.handler['model.graph']()).weights[1].tensor, { n: 1, m: 3, axis: 0 })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    } finally {
      connection.close();
    }
  });
});
