/**
 * One stage of a pipeline: the plugin runs in the sandbox on the current model through a stage
 * host (libs/onnx, the kernels, ONNX Runtime), the edited model is written, checked (it must keep
 * the model's inputs and outputs, load in ONNX Runtime and run), and measured. Every failure names
 * the stage. Tests: run-pipeline.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { KernelService } from '@edgepress/plugin-host';
import { readModel, writeModel } from '@edgepress/onnx';
import { createStageHost, runPluginStage, type SandboxLimits, type StageHostLimits, type StageLogEntry } from '@edgepress/plugin-host';
import type { StageResult } from '@edgepress/plugin-sdk';
import type { LatencyOptions } from '../evaluate/latency';
import type { SessionSettings } from '../evaluate/ort-session';
import type { ReferenceOutputs } from '../evaluate/reference-outputs';
import { measureModel, type StageMetrics } from '../metrics/stage-metrics';
import { createOrtStageProviders } from '../stage/ort-stage-providers';
import type { PreparedPipeline, PreparedStage } from './validate-pipeline';

export interface StageRunContext {
  readonly pipeline: PreparedPipeline;
  readonly kernels: KernelService;
  readonly reference: ReferenceOutputs | undefined;
  readonly session?: SessionSettings;
  readonly latency?: LatencyOptions | false;
  readonly sandboxLimits?: Partial<SandboxLimits>;
  readonly hostLimits?: Partial<StageHostLimits>;
  readonly kernelThreads?: number;
  readonly signal?: AbortSignal;
  readonly onProgress: (fraction: number, message: string | undefined) => void;
  readonly onLog: (entry: StageLogEntry) => void;
  readonly onMeasuring: () => void;
}

export interface StageOutcome {
  readonly model: Uint8Array;
  readonly metrics: StageMetrics;
  readonly result: StageResult | undefined;
  readonly durationMs: number;
}

function stageError(stage: PreparedStage, error: unknown): EdgepressError {
  const label = `Stage ${stage.index + 1} (${stage.spec.plugin})`;
  if (error instanceof EdgepressError) return new EdgepressError(error.code, `${label}: ${error.message.replace(/^Plugin [^:]+: /, '')}`, { cause: error, details: { stage: stage.index, plugin: stage.spec.plugin } });
  return new EdgepressError(ErrorCode.INTERNAL, `${label}: internal error`, { cause: error, details: { stage: stage.index, plugin: stage.spec.plugin } });
}

/** The stage must leave the model's interface as it found it: reports compare outputs by name. */
function checkInterface(model: Uint8Array, pipeline: PreparedPipeline, stage: PreparedStage): void {
  const graph = readModel(model).graph;
  const weights = new Set(graph.weights().map((weight) => weight.name));
  const inputs = graph.inputs.map((input) => input.name).filter((name) => !weights.has(name));
  const outputs = graph.outputs.map((output) => output.name);
  const expectedInputs = pipeline.inputs.map((input) => input.name);
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((name) => b.includes(name));
  if (!same(inputs, expectedInputs) || !same(outputs, pipeline.outputs)) {
    throw new EdgepressError(
      ErrorCode.INVALID_MODEL,
      `Stage ${stage.index + 1} (${stage.spec.plugin}) changed the model's interface: inputs [${inputs.join(', ')}] and outputs [${outputs.join(', ')}] instead of [${expectedInputs.join(', ')}] and [${pipeline.outputs.join(', ')}]`,
    );
  }
}

export async function runStage(stage: PreparedStage, input: Uint8Array, context: StageRunContext): Promise<StageOutcome> {
  const { pipeline } = context;
  const providers = createOrtStageProviders({ inputModel: input, calibration: pipeline.calibration, session: context.session });
  const host = createStageHost({ model: readModel(input), kernels: context.kernels, providers, limits: context.hostLimits, kernelThreads: context.kernelThreads, signal: context.signal });
  const started = performance.now();
  let result: StageResult | undefined;
  let output: Uint8Array;
  try {
    const run = await runPluginStage({
      bundle: stage.bundle,
      params: stage.spec.params,
      target: pipeline.pluginTarget,
      handler: host.handler,
      calibrationBatches: host.calibrationBatches,
      limits: context.sandboxLimits,
      signal: context.signal,
      onProgress: context.onProgress,
      onLog: context.onLog,
    });
    result = run.result;
    // ONNX requires nodes in topological order (ONNX Runtime sorts for itself, onnx.checker and
    // other runtimes do not); plugins append the nodes they insert, so the order is restored here.
    // A plugin that wired a cycle fails its stage with INVALID_MODEL naming the nodes.
    for (const graph of host.model.graphs()) graph.sortTopologically();
    output = writeModel(host.model);
  } catch (error) {
    throw stageError(stage, error);
  } finally {
    host.dispose();
    await providers.dispose();
  }
  const durationMs = performance.now() - started;
  checkInterface(output, pipeline, stage);
  context.onMeasuring();
  let metrics: StageMetrics;
  try {
    metrics = await measureModel(output, {
      evaluation: pipeline.evaluation,
      reference: context.reference,
      taskMetric: pipeline.taskMetric,
      target: pipeline.target,
      session: context.session,
      latency: context.latency,
      shapes: pipeline.shapes,
    });
  } catch (error) {
    if (error instanceof EdgepressError && error.code === ErrorCode.INVALID_MODEL) {
      throw new EdgepressError(ErrorCode.INVALID_MODEL, `Stage ${stage.index + 1} (${stage.spec.plugin}) produced a model that ONNX Runtime cannot use: ${error.message}`, { cause: error });
    }
    throw error;
  }
  return { model: output, metrics, result, durationMs };
}
