/**
 * testPlugin: runs a plugin on a model the way a pipeline stage does, and returns what it made.
 * By default in process (the plugin's `run` gets a StageContext whose calls go through an
 * in-process bridge to a real stage host: libs/onnx, the in-process kernels, ONNX Runtime), so a
 * test can set breakpoints in plugin code; with `sandbox: true` the plugin's entry file is bundled
 * and run in the sandbox process exactly as in the platform. Either way the output must load in
 * ONNX Runtime (unless `checkLoads: false`), as a pipeline requires of every stage.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { KernelService } from '@edgepress/kernels-rpc/client';
import { createInProcessKernels } from '@edgepress/kernels-rpc';
import { readModel, writeModel, type OnnxModel } from '@edgepress/onnx';
import { buildPluginBundle, createStageHost, runPluginStage, type PluginBundle, type SandboxLimits, type StageHostLimits, type StageLogEntry } from '@edgepress/plugin-host';
import type { Plugin, PluginTarget, StageResult } from '@edgepress/plugin-sdk';
import { createStageContext } from '@edgepress/plugin-sdk/sandbox';
import { createOrtStageProviders, OrtModelSession, type SessionSettings } from '@edgepress/pipeline';
import type { HardwareTarget } from '@edgepress/targets';
import { inProcessBridge } from './in-process-bridge';
import { calibrationSet, modelBytes, pluginTarget, type CalibrationInput } from './resolve-inputs';

export interface TestPluginOptions {
  /** The input model: its bytes or the path of an .onnx file. */
  readonly model: Uint8Array | string;
  /** A catalog target id ('xeon-e5-2690-v4') or a HardwareTarget. */
  readonly target: string | HardwareTarget;
  /** Raw params, parsed by the plugin's own schema. */
  readonly params?: unknown;
  readonly calibration?: CalibrationInput;
  /** Run in the sandbox process; needs `entry`. */
  readonly sandbox?: boolean;
  /** The plugin's module file (default export = definePlugin(...)), for `sandbox: true`. */
  readonly entry?: string;
  /** Kernels for ctx.kernels (default: in process). */
  readonly kernels?: KernelService;
  readonly session?: SessionSettings;
  readonly limits?: { readonly sandbox?: Partial<SandboxLimits>; readonly host?: Partial<StageHostLimits> };
  /** Check that the output loads in ONNX Runtime (default true). */
  readonly checkLoads?: boolean;
  readonly signal?: AbortSignal;
}

export interface PluginTestRun {
  /** The output model, as the plugin left it. */
  readonly model: OnnxModel;
  readonly bytes: Uint8Array;
  /** The input model's bytes. */
  readonly input: Uint8Array;
  readonly result: StageResult | undefined;
  readonly logs: readonly StageLogEntry[];
  readonly progress: ReadonlyArray<readonly [number, string | undefined]>;
  readonly target: PluginTarget;
  readonly calibrationBatches: number;
}

const bundles = new Map<string, Promise<PluginBundle>>();

function bundleOf(entry: string): Promise<PluginBundle> {
  let bundle = bundles.get(entry);
  if (bundle === undefined) {
    bundle = buildPluginBundle(entry);
    bundles.set(entry, bundle);
    bundle.catch(() => bundles.delete(entry));
  }
  return bundle;
}

async function runInProcess(plugin: Plugin, options: TestPluginOptions, target: PluginTarget, handler: Parameters<typeof inProcessBridge>[0], batches: number) {
  const params = plugin.parseParams(options.params);
  const support = plugin.supports(target);
  if (!support.supported) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Plugin ${plugin.manifest.name}@${plugin.manifest.version}: does not support target ${target.id}: ${support.reason}`);
  }
  const { bridge, logs, progress } = inProcessBridge(handler, options.signal);
  const returned = await plugin.run(createStageContext(bridge, target, batches), params);
  const result = returned === undefined ? undefined : (JSON.parse(JSON.stringify(returned)) as StageResult);
  return { result, logs, progress };
}

async function runSandboxed(plugin: Plugin, options: TestPluginOptions, target: PluginTarget, handler: Parameters<typeof inProcessBridge>[0], batches: number) {
  if (typeof options.entry !== 'string') throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, 'testPlugin: sandbox: true needs `entry`, the path of the plugin module');
  const bundle = await bundleOf(options.entry);
  if (bundle.manifest.name !== plugin.manifest.name) {
    throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `testPlugin: ${options.entry} bundles plugin ${bundle.manifest.name}, not ${plugin.manifest.name}`);
  }
  const progress: Array<readonly [number, string | undefined]> = [];
  const run = await runPluginStage({
    bundle,
    params: options.params,
    target,
    handler,
    calibrationBatches: batches,
    limits: options.limits?.sandbox,
    signal: options.signal,
    onProgress: (fraction, message) => progress.push([fraction, message]),
  });
  return { result: run.result, logs: run.logs, progress };
}

export async function testPlugin(plugin: Plugin, options: TestPluginOptions): Promise<PluginTestRun> {
  const input = await modelBytes(options.model);
  const target = pluginTarget(options.target);
  const providers = createOrtStageProviders({ inputModel: input, calibration: await calibrationSet(input, options.calibration), session: options.session });
  const host = createStageHost({ model: readModel(input), kernels: options.kernels ?? createInProcessKernels(), providers, limits: options.limits?.host, signal: options.signal });
  try {
    const run = options.sandbox === true
      ? await runSandboxed(plugin, options, target, host.handler, host.calibrationBatches)
      : await runInProcess(plugin, options, target, host.handler, host.calibrationBatches);
    const bytes = writeModel(host.model);
    if (options.checkLoads !== false) {
      const session = await OrtModelSession.create(bytes, options.session).catch((error: unknown) => {
        throw new EdgepressError(ErrorCode.INVALID_MODEL, `The output of ${plugin.manifest.name} does not load in ONNX Runtime: ${(error as Error).message}`, { cause: error });
      });
      await session.release();
    }
    return { model: readModel(bytes), bytes, input, result: run.result, logs: run.logs, progress: run.progress, target, calibrationBatches: host.calibrationBatches };
  } finally {
    host.dispose();
    await providers.dispose();
  }
}
