/** Shared pieces of the sandbox integration tests: fixtures, targets, an in-memory model host. */
import path from 'node:path';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { GraphView, PluginTarget, TensorData, TensorHandle } from '@edgepress/plugin-sdk';
import { buildPluginBundle, runPluginStage, type HostCallHandler, type PluginBundle, type SandboxLimits, type StageRun } from '../src/index';

export const fixture = (name: string) => path.join(__dirname, 'fixtures', name);

export const CPU_TARGET: PluginTarget = Object.freeze<PluginTarget>({
  id: 'x86-avx2',
  name: 'x86-64 with AVX2',
  kind: 'cpu',
  vendor: 'generic',
  precisions: ['fp32', 'int8'],
  quantization: { perTensorOnly: false, reduceRange: true, staticShapes: false, symmetricWeights: false, allowedPrecisions: ['fp32', 'int8'] },
  sparsity: { structured: [], unstructured: false },
  memory: { ramBytes: 8 * 1024 ** 3 },
  supportedOps: null,
  features: ['avx2', 'fma'],
});

export const MCU_TARGET: PluginTarget = Object.freeze({ ...CPU_TARGET, id: 'cortex-m4', name: 'Cortex-M4', kind: 'mcu', features: ['cmsis-nn'] });

/** Tight limits so that hostile plugins are stopped quickly. */
export const TEST_LIMITS: Partial<SandboxLimits> = { memoryMb: 64, cpuTimeMs: 1_500, wallTimeMs: 20_000 };

/** A one-weight model held by the host, with the handful of host methods the fixtures use. */
export function inMemoryModel(initial: Float32Array) {
  const tensors = new Map<string, TensorData>([['t0', { dataType: 'float', dims: [initial.length], values: initial }]]);
  const weights = new Map<string, string>([['w', 't0']]);
  const calls: string[] = [];
  let nextId = 1;
  const handle = (id: string): TensorHandle => {
    const data = tensors.get(id);
    if (data === undefined) throw new Error(`no tensor ${id}`);
    return { id, dataType: data.dataType, dims: [...data.dims] };
  };
  const handler: HostCallHandler = {
    'model.graph': async (): Promise<GraphView> => {
      calls.push('model.graph');
      return {
        nodes: [],
        inputs: [],
        outputs: [],
        values: [],
        opsets: { '': 17 },
        weights: [...weights].map(([name, id]) => ({ name, dataType: 'float', dims: handle(id).dims, location: 'initializer', tensor: handle(id) })),
      };
    },
    'tensors.read': async (tensor) => {
      calls.push('tensors.read');
      const data = tensors.get(tensor.id);
      if (data === undefined) throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `unknown tensor ${tensor.id} in /srv/edgepress/secret/models`);
      return data;
    },
    'tensors.write': async (data) => {
      calls.push('tensors.write');
      const id = `t${nextId++}`;
      tensors.set(id, data);
      return handle(id);
    },
    'model.setWeight': async (name, tensor) => {
      calls.push('model.setWeight');
      weights.set(name, tensor.id);
    },
    'model.uniqueName': async (prefix) => {
      calls.push('model.uniqueName');
      return `${prefix}_${nextId++}`;
    },
  };
  return {
    handler,
    calls,
    weight: (name: string) => tensors.get(weights.get(name) ?? '')?.values as Float32Array | undefined,
  };
}

/** Expects a stage to fail with an EdgepressError of `code` whose message matches `message`. */
export async function expectStageError(run: Promise<unknown>, code: ErrorCode, message: RegExp): Promise<EdgepressError> {
  let outcome: unknown;
  try {
    outcome = await run;
  } catch (error) {
    expect(error).toBeInstanceOf(EdgepressError);
    expect({ code: (error as EdgepressError).code, message: (error as EdgepressError).message }).toEqual({ code, message: expect.stringMatching(message) });
    return error as EdgepressError;
  }
  throw new Error(`expected the stage to fail with ${code} but it returned ${JSON.stringify(outcome)}`);
}

let goodBundle: Promise<PluginBundle> | undefined;

/** The well-behaved fixture, built once per test file. */
export function scaleWeightsBundle(): Promise<PluginBundle> {
  goodBundle ??= buildPluginBundle(fixture('scale-weights.plugin.ts'));
  return goodBundle;
}

/** Runs the well-behaved plugin and checks its result against a plain TypeScript reference. */
export async function expectHostStillServes(): Promise<StageRun> {
  const input = new Float32Array([0.5, -1, 2, 3.25]);
  const model = inMemoryModel(input);
  const run = await runPluginStage({ bundle: await scaleWeightsBundle(), params: { factor: 3 }, target: CPU_TARGET, handler: model.handler });
  expect(Array.from(model.weight('w') ?? [])).toEqual(Array.from(input, (value) => value * 3));
  expect(run.result?.summary).toEqual({ scaled: 4, factor: 3, cancelled: false });
  return run;
}
