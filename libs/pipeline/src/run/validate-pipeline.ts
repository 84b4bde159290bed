/**
 * Everything about a pipeline that can be checked before it runs, checked before it runs: the
 * spec's shape, the target (a catalog id, or the definition the caller passes as `target`: a
 * team's own target, or the snapshot a stored run keeps), that the input model loads in ONNX Runtime, every stage's plugin (it
 * exists, its version matches, its own params schema accepts the params and its supports(target)
 * agrees, both asked in the sandbox), the data sources (read and bound to the model's inputs), the
 * shapes to assume for symbolic dimensions, and the final precision against the target.
 *
 * Final precision, decided here: the pipeline cannot know what a plugin will emit, but it knows
 * each plugin's kind. A target that accelerates no floating-point precision (an int8-only NPU or
 * MCU, `requiresQuantization`) gets a pipeline with no quantize stage refused (its model would
 * stay fp32, which the target cannot run natively); a target without fp32 but with fp16/bf16 gets
 * a warning instead (the runtime converts). After the run, the measured compatibility of the final
 * model (libs/targets) is in the report, with a warning event when it is not compatible.
 * Tests: run-pipeline.test.ts, validate-pipeline.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { inspectPluginBundle, toPluginTarget, type PluginBundle, type SandboxLimits } from '@edgepress/plugin-host';
import type { PluginTarget } from '@edgepress/plugin-sdk';
import { defineTarget, getTarget, quantizationRequirements, type HardwareTarget, type TargetDefinition } from '@edgepress/targets';
import { bindSample } from '../data/bind-inputs';
import type { ModelInput } from '../data/model-inputs';
import { datasetFromSamples, type Dataset } from '../data/sample';
import { OrtModelSession, type SessionSettings } from '../evaluate/ort-session';
import type { TaskMetric } from '../evaluate/task-metric';
import { loadCalibrationSet, type CalibrationSet } from '../stage/calibration-set';
import { openDataSource, taskMetricFor, type DataResolver } from './data-sources';
import { parsePipelineSpec, type PipelineSpec, type StageSpec } from './pipeline-spec';
import { requirePlugin, type PluginRegistry } from './plugin-registry';

export interface PreparedStage {
  readonly index: number;
  readonly spec: StageSpec;
  readonly bundle: PluginBundle;
  /** The params after the plugin's own schema applied its defaults (what the report shows). */
  readonly params: Readonly<Record<string, unknown>>;
}

export interface PreparedPipeline {
  readonly spec: PipelineSpec;
  readonly target: HardwareTarget;
  readonly pluginTarget: PluginTarget;
  readonly stages: readonly PreparedStage[];
  readonly inputs: readonly ModelInput[];
  readonly outputs: readonly string[];
  readonly calibration: CalibrationSet | undefined;
  readonly evaluation: Dataset | undefined;
  readonly taskMetric: TaskMetric | undefined;
  /** Input shapes for the summary, the estimate and random latency inputs (the report shows them). */
  readonly shapes: { readonly inputShapes: Readonly<Record<string, readonly number[]>> };
  readonly warnings: readonly string[];
}

export interface ValidateOptions {
  readonly model: Uint8Array;
  readonly registry: PluginRegistry;
  /** Folder that relative data paths start from (default: the working directory). */
  readonly baseDir?: string;
  readonly resolver?: DataResolver;
  readonly session?: SessionSettings;
  /** Limits of the sandboxes that inspect each plugin. */
  readonly inspectLimits?: Partial<SandboxLimits>;
  readonly signal?: AbortSignal;
  /**
   * The target spec.target names, when the catalog does not hold it (a team's own target) or
   * when the caller keeps its own copy (a run's snapshot, taken when the run was created). It is
   * checked with defineTarget, so a stored JSON snapshot can be passed as it is; its id must be
   * spec.target.
   */
  readonly target?: HardwareTarget | TargetDefinition;
}

function resolveTarget(id: string, given: HardwareTarget | TargetDefinition | undefined): HardwareTarget {
  if (given !== undefined) {
    const target = defineTarget(given);
    if (target.id !== id) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `The pipeline names target ${id}, but the target definition it was given is ${target.id}`);
    return target;
  }
  try {
    return getTarget(id);
  } catch (error) {
    if (error instanceof EdgepressError && error.code === ErrorCode.NOT_FOUND) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, error.message, { cause: error });
    throw error;
  }
}

async function modelInterface(model: Uint8Array, session: SessionSettings | undefined): Promise<{ inputs: readonly ModelInput[]; outputs: readonly string[] }> {
  const loaded = await OrtModelSession.create(model, session).catch((error: unknown) => {
    throw new EdgepressError(ErrorCode.INVALID_MODEL, `The input model does not load in ONNX Runtime: ${(error as Error).message.replace(/^The model does not load in ONNX Runtime: /, '')}`, { cause: error });
  });
  try {
    return { inputs: loaded.inputs, outputs: loaded.outputNames };
  } finally {
    await loaded.release();
  }
}

async function inspectStage(stage: StageSpec, index: number, bundle: PluginBundle, target: PluginTarget, options: ValidateOptions): Promise<PreparedStage> {
  try {
    const inspection = await inspectPluginBundle(bundle, { params: stage.params, target, limits: options.inspectLimits, signal: options.signal });
    return { index, spec: stage, bundle, params: (inspection.params ?? {}) as Record<string, unknown> };
  } catch (error) {
    if (!(error instanceof EdgepressError)) throw error;
    throw new EdgepressError(error.code, `Stage ${index + 1} (${stage.plugin}): ${error.message.replace(/^Plugin [^:]+: /, '')}`, { cause: error, details: { stage: index, plugin: stage.plugin } });
  }
}

function checkFinalPrecision(stages: readonly PreparedStage[], target: HardwareTarget, warnings: string[]): void {
  if (stages.some((stage) => stage.bundle.manifest.kind === 'quantize')) return;
  if (quantizationRequirements(target).requiresQuantization) {
    throw new EdgepressError(
      ErrorCode.BAD_USER_INPUT,
      `Target ${target.id} runs only ${target.precisions.join(', ')}, but no stage of this pipeline quantizes: its final model would stay floating point. Add a quantize stage (for example quantize-int8)`,
    );
  }
  if (!target.precisions.includes('fp32')) {
    warnings.push(`Target ${target.id} does not accelerate fp32 (it runs ${target.precisions.join(', ')}) and no stage quantizes: fp32 layers will be converted or fall back`);
  }
}

function shapesOf(
  spec: PipelineSpec,
  inputs: readonly ModelInput[],
  calibration: CalibrationSet | undefined,
  firstEvaluation: Readonly<Record<string, { dims: readonly number[] }>> | undefined,
): PreparedPipeline['shapes'] {
  if (spec.inputShapes !== undefined) {
    for (const name of Object.keys(spec.inputShapes)) {
      if (!inputs.some((input) => input.name === name)) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `inputShapes names '${name}', which is not an input of the model (inputs: ${inputs.map((i) => i.name).join(', ')})`);
    }
  }
  const fromData = calibration?.samples[0]?.inputs ?? firstEvaluation;
  const inputShapes: Record<string, number[]> = {};
  for (const input of inputs) {
    const given = spec.inputShapes?.[input.name] ?? fromData?.[input.name]?.dims;
    if (given !== undefined) inputShapes[input.name] = [...given];
    else if (input.shape !== null && input.shape.every((dim) => typeof dim === 'number')) inputShapes[input.name] = [...(input.shape as number[])];
    else {
      throw new EdgepressError(
        ErrorCode.BAD_USER_INPUT,
        `Model input '${input.name}' has symbolic dimensions [${(input.shape ?? []).map((dim) => dim ?? '?').join(', ')}]: give calibration or evaluation data, or its shape in inputShapes`,
      );
    }
  }
  return { inputShapes };
}

async function firstFeeds(dataset: Dataset, inputs: readonly ModelInput[]): Promise<Readonly<Record<string, { dims: readonly number[] }>> | undefined> {
  for await (const sample of dataset.samples()) return bindSample(sample, inputs);
  throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Evaluation data ${dataset.description} holds no samples`);
}

export async function validatePipeline(specInput: unknown, options: ValidateOptions): Promise<PreparedPipeline> {
  const spec = parsePipelineSpec(specInput);
  const target = resolveTarget(spec.target, options.target);
  const pluginTarget = toPluginTarget(target);
  const { inputs, outputs } = await modelInterface(options.model, options.session);
  const bundles = await Promise.all(spec.stages.map((stage, index) => requirePlugin(options.registry, stage.plugin, stage.version, index)));
  const stages = await Promise.all(spec.stages.map((stage, index) => inspectStage(stage, index, bundles[index], pluginTarget, options)));
  const warnings: string[] = [];
  checkFinalPrecision(stages, target, warnings);

  const baseDir = options.baseDir ?? process.cwd();
  const context = { baseDir, inputs, inputShapes: spec.inputShapes, resolver: options.resolver };
  const calibration = spec.calibration === undefined ? undefined : await loadCalibrationSet(await openDataSource(spec.calibration, context), inputs);
  let evaluation: Dataset | undefined;
  if (spec.evaluation !== undefined) evaluation = await openDataSource(spec.evaluation, context);
  else if (calibration !== undefined) evaluation = datasetFromSamples(calibration.samples, `${calibration.description} (the calibration data: no separate evaluation data was given)`);
  const firstEvaluation = evaluation === undefined ? undefined : await firstFeeds(evaluation, inputs);
  const taskMetric = await taskMetricFor(spec.metric, evaluation, baseDir);
  const shapes = shapesOf(spec, inputs, calibration, firstEvaluation);
  return { spec, target, pluginTarget, stages, inputs, outputs, calibration, evaluation, taskMetric, shapes, warnings };
}
