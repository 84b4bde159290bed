/**
 * runPipeline: validate everything, measure the baseline, run the stages in order (each in the
 * sandbox on the previous stage's model, checked and measured), check the constraints and build
 * the report. Events go to `onEvent` and are awaited, so a worker can store each stage's model and
 * metrics when it completes and, after a crash, resume after the last stored stage (`resumeFrom`):
 * the finished stages are not run again, and the baseline's reference outputs are recomputed from
 * the input model. Unmet constraints do not throw: the result says so (the CLI exits with 5).
 * Tests: run-pipeline.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { KernelService } from '@edgepress/plugin-host';
import type { SandboxLimits, StageHostLimits } from '@edgepress/plugin-host';
import type { HardwareTarget, TargetDefinition } from '@edgepress/targets';
import { evaluateModel } from '../evaluate/evaluate-model';
import type { LatencyOptions } from '../evaluate/latency';
import { OrtModelSession, type SessionSettings } from '../evaluate/ort-session';
import { ReferenceRecorder, sessionReference, type ReferenceOutputs } from '../evaluate/reference-outputs';
import { checkConstraints, type ConstraintResult } from '../metrics/constraints';
import { measureModel, type StageMetrics } from '../metrics/stage-metrics';
import { buildReport, type StageRecord } from '../report/report-json';
import type { Report } from '../report/report-schema';
import type { DataResolver } from './data-sources';
import type { PipelineEvent, PipelineEventListener } from './pipeline-events';
import type { PluginRegistry } from './plugin-registry';
import { runStage } from './run-stage';
import { validatePipeline, type PreparedPipeline } from './validate-pipeline';

/**
 * What a worker stored before it stopped: the finished stages in order, the last one's model, the
 * baseline (store records and metrics with toStoredJson: they hold Infinity).
 */
export interface PipelineResume {
  readonly completed: readonly StageRecord[];
  /** The model the last completed stage produced. */
  readonly model: Uint8Array;
  readonly baseline: StageMetrics;
}

export interface RunPipelineOptions {
  /** The input model. */
  readonly model: Uint8Array;
  /** Shown in the report (default "model"). */
  readonly modelName?: string;
  readonly registry: PluginRegistry;
  /** The target spec.target names, when it is not (or not only) a catalog id: see ValidateOptions.target. */
  readonly target?: HardwareTarget | TargetDefinition;
  /** ctx.kernels: in process (createInProcessKernels) or a gRPC client. */
  readonly kernels: KernelService;
  readonly onEvent?: PipelineEventListener;
  readonly signal?: AbortSignal;
  readonly resumeFrom?: PipelineResume;
  /** Relative data paths start here (default: the working directory). */
  readonly baseDir?: string;
  readonly resolver?: DataResolver;
  readonly session?: SessionSettings;
  /** Host latency measurement per stage, or false to skip it. */
  readonly latency?: LatencyOptions | false;
  readonly sandboxLimits?: Partial<SandboxLimits>;
  readonly hostLimits?: Partial<StageHostLimits>;
  readonly kernelThreads?: number;
}

export interface PipelineResult {
  /** The final model. */
  readonly model: Uint8Array;
  readonly baseline: StageMetrics;
  readonly stages: readonly StageRecord[];
  readonly constraints: readonly ConstraintResult[];
  readonly constraintsMet: boolean;
  readonly warnings: readonly string[];
  readonly report: Report;
}

function checkResume(resume: PipelineResume, pipeline: PreparedPipeline): void {
  const { completed } = resume;
  if (!Array.isArray(completed) || completed.length >= pipeline.stages.length) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `resumeFrom holds ${Array.isArray(completed) ? completed.length : 'no'} finished stages; a pipeline of ${pipeline.stages.length} can resume after 0 to ${pipeline.stages.length - 1}`);
  }
  completed.forEach((record, index) => {
    if (record.plugin !== pipeline.stages[index].spec.plugin) {
      throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `resumeFrom does not match the pipeline: finished stage ${index + 1} ran ${record.plugin}, the pipeline's stage ${index + 1} is ${pipeline.stages[index].spec.plugin}`);
    }
  });
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new EdgepressError(ErrorCode.CANCELLED, 'The pipeline was cancelled');
}

export async function runPipeline(spec: unknown, options: RunPipelineOptions): Promise<PipelineResult> {
  const emit = async (event: PipelineEvent) => {
    await options.onEvent?.(event);
  };
  const pipeline = await validatePipeline(spec, { model: options.model, registry: options.registry, target: options.target, baseDir: options.baseDir, resolver: options.resolver, session: options.session, inspectLimits: undefined, signal: options.signal });
  const resume = options.resumeFrom;
  if (resume !== undefined) checkResume(resume, pipeline);
  const resumedAfter = resume?.completed.length ?? 0;
  await emit({ type: 'validated', stages: pipeline.stages.map((stage) => ({ plugin: stage.spec.plugin, version: stage.bundle.manifest.version, params: stage.params })), resumedAfter });
  for (const message of pipeline.warnings) await emit({ type: 'warning', message });

  let baselineSession: OrtModelSession | undefined;
  try {
    const recorder = new ReferenceRecorder();
    let baseline: StageMetrics;
    if (resume === undefined) {
      await emit({ type: 'baseline-started' });
      baseline = await measureModel(options.model, {
        evaluation: pipeline.evaluation,
        recorder,
        taskMetric: pipeline.taskMetric,
        target: pipeline.target,
        session: options.session,
        latency: options.latency,
        shapes: pipeline.shapes,
      });
      await emit({ type: 'baseline-completed', metrics: baseline });
    } else {
      baseline = resume.baseline;
      // The reference outputs were not stored: one pass of the input model over the evaluation data records them again.
      if (pipeline.evaluation !== undefined) {
        const session = await OrtModelSession.create(options.model, options.session);
        try {
          await evaluateModel(session, pipeline.evaluation, { recorder });
        } finally {
          await session.release();
        }
      }
    }
    let reference: ReferenceOutputs | undefined;
    if (pipeline.evaluation !== undefined) {
      reference = recorder.reference();
      if (reference === undefined) {
        baselineSession = await OrtModelSession.create(options.model, options.session);
        reference = sessionReference(baselineSession);
      }
    }

    const records: StageRecord[] = [...(resume?.completed ?? [])];
    let current = resume?.model ?? options.model;
    for (const stage of pipeline.stages.slice(resumedAfter)) {
      throwIfCancelled(options.signal);
      const plugin = stage.spec.plugin;
      const version = stage.bundle.manifest.version;
      await emit({ type: 'stage-started', index: stage.index, plugin, version });
      // Progress and logs are fire-and-forget: the sandbox does not wait for listeners.
      const pending: Promise<void>[] = [];
      const outcome = await runStage(stage, current, {
        pipeline,
        kernels: options.kernels,
        reference,
        session: options.session,
        latency: options.latency,
        sandboxLimits: options.sandboxLimits,
        hostLimits: options.hostLimits,
        kernelThreads: options.kernelThreads,
        signal: options.signal,
        onProgress: (fraction, message) => pending.push(emit({ type: 'stage-progress', index: stage.index, plugin, fraction, message })),
        onLog: (entry) => pending.push(emit({ type: 'stage-log', index: stage.index, plugin, entry })),
        onMeasuring: () => pending.push(emit({ type: 'stage-measuring', index: stage.index, plugin })),
      });
      await Promise.all(pending);
      const record: StageRecord = {
        plugin,
        version,
        params: stage.params,
        metrics: outcome.metrics,
        durationMs: outcome.durationMs,
        ...(outcome.result?.summary === undefined ? {} : { summary: outcome.result.summary }),
        ...(outcome.result?.notes === undefined ? {} : { notes: outcome.result.notes }),
      };
      records.push(record);
      current = outcome.model;
      await emit({ type: 'stage-completed', index: stage.index, record, model: outcome.model, result: outcome.result });
    }

    const final = records[records.length - 1].metrics;
    const warnings = [...pipeline.warnings];
    if (final.estimate !== null && !final.estimate.compatible) {
      const message = `The final model is not compatible with ${pipeline.target.id}: ${final.estimate.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message).join('; ')}`;
      warnings.push(message);
      await emit({ type: 'warning', message });
    }
    const constraints = checkConstraints(pipeline.spec.constraints, baseline, final);
    const report = buildReport({
      modelName: options.modelName ?? 'model',
      baseline,
      stages: records,
      target: pipeline.target,
      constraints: pipeline.spec.constraints,
      calibration: pipeline.calibration?.description,
      evaluation: pipeline.evaluation?.description,
      inputShapes: pipeline.shapes.inputShapes,
    });
    await emit({ type: 'completed', report });
    return { model: current, baseline, stages: records, constraints, constraintsMet: constraints.every((result) => result.met), warnings, report };
  } finally {
    await baselineSession?.release();
  }
}
