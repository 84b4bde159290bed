import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { HardwareTarget } from '@edgepress/targets';
import { classAccuracyDeltas } from '../evaluate/accuracy';
import type { FidelityResult } from '../evaluate/fidelity';
import { describeHost } from '../evaluate/latency';
import { checkConstraints, type Constraints } from '../metrics/constraints';
import type { StageMetrics } from '../metrics/stage-metrics';
import { reportSchema, type Report, type ReportStage } from './report-schema';

export interface StageRecord {
  readonly plugin: string;
  readonly version?: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly metrics: StageMetrics;
  /** Wall time of the stage's compression step. */
  readonly durationMs?: number;
  /** What the plugin reported about its work (StageResult). */
  readonly summary?: Readonly<Record<string, number | string | boolean>>;
  readonly notes?: readonly string[];
}

export interface ReportInput {
  readonly modelName: string;
  readonly baseline: StageMetrics;
  readonly stages: readonly StageRecord[];
  readonly target?: HardwareTarget;
  readonly constraints?: Constraints;
  /** Descriptions of the data used (Dataset.description). */
  readonly calibration?: string;
  readonly evaluation?: string;
  /** The input shapes the models were measured at. */
  readonly inputShapes?: Readonly<Record<string, readonly number[]>>;
  /** Defaults to now. */
  readonly createdAt?: Date;
}

/** Builds report.json's content from the measurements; constraints are checked against the last stage. */
export function buildReport(input: ReportInput): Report {
  const final = input.stages.length === 0 ? input.baseline : input.stages[input.stages.length - 1].metrics;
  const constraints = checkConstraints(input.constraints ?? {}, input.baseline, final);
  const report: Report = {
    schemaVersion: 1,
    createdAt: (input.createdAt ?? new Date()).toISOString(),
    model: { name: input.modelName },
    target: input.target === undefined ? null : { id: input.target.id, name: input.target.name, kind: input.target.kind },
    host: input.baseline.latency?.host ?? describeHost(),
    data: {
      calibration: input.calibration ?? null,
      evaluation: input.evaluation ?? null,
      evaluatedSamples: input.baseline.evaluatedSamples,
      ...(input.inputShapes === undefined ? {} : { inputShapes: Object.fromEntries(Object.entries(input.inputShapes).map(([name, dims]) => [name, [...dims]])) }),
    },
    baseline: stageEntry({ plugin: 'baseline', metrics: input.baseline }, undefined),
    stages: input.stages.map((stage) => stageEntry(stage, input.baseline)),
    constraints,
    constraintsMet: constraints.every((result) => result.met),
  };
  return report;
}

function stageEntry(stage: StageRecord, baseline: StageMetrics | undefined): ReportStage {
  const { metrics } = stage;
  const latency = metrics.latency === null ? null : (({ medianMs, p90Ms, minMs, meanMs, runs, warmupRuns }) => ({ medianMs, p90Ms, minMs, meanMs, runs, warmupRuns }))(metrics.latency);
  const entry: ReportStage = {
    plugin: stage.plugin,
    sizeBytes: metrics.sizeBytes,
    gzipBytes: metrics.gzipBytes,
    parameters: metrics.parameters,
    nonZeros: metrics.nonZeros,
    weightBytes: metrics.weightBytes,
    bitsPerWeight: metrics.bitsPerWeight,
    latencyMs: latency?.medianMs ?? null,
    latency,
    estimate: metrics.estimate === null ? null : { ...metrics.estimate, issues: [...metrics.estimate.issues] },
    fidelity: metrics.fidelity === null ? null : fidelityEntry(metrics.fidelity),
  };
  if (stage.version !== undefined) entry.version = stage.version;
  if (stage.params !== undefined) entry.params = { ...stage.params };
  if (stage.durationMs !== undefined) entry.durationMs = stage.durationMs;
  if (stage.summary !== undefined) entry.summary = { ...stage.summary };
  if (stage.notes !== undefined) entry.notes = [...stage.notes];
  if (metrics.accuracy !== null) {
    const accuracy: NonNullable<ReportStage['accuracy']> = { metric: metrics.accuracy.metric, value: metrics.accuracy.value, samples: metrics.accuracy.samples, figures: { ...metrics.accuracy.figures } };
    if (metrics.accuracy.perClass !== undefined) accuracy.perClass = metrics.accuracy.perClass.map((entry) => ({ ...entry }));
    const before = baseline?.accuracy;
    if (before !== null && before !== undefined && before.metric === metrics.accuracy.metric) {
      accuracy.deltaVsBaseline = metrics.accuracy.value - before.value;
      if (before.perClass !== undefined && metrics.accuracy.perClass !== undefined) accuracy.perClassDeltas = classAccuracyDeltas(before.perClass, metrics.accuracy.perClass);
    }
    entry.accuracy = accuracy;
  }
  return entry;
}

function fidelityEntry(fidelity: FidelityResult): NonNullable<ReportStage['fidelity']> {
  const outputs: NonNullable<ReportStage['fidelity']>['outputs'] = {};
  for (const [name, output] of Object.entries(fidelity.outputs)) {
    outputs[name] = { cosine: output.cosine, top1Agreement: output.top1Agreement, sqnrDb: jsonDb(output.sqnrDb), top1Mode: output.top1Mode, classAxis: output.classAxis };
  }
  return {
    cosine: fidelity.cosine,
    top1Agreement: fidelity.top1Agreement,
    sqnrDb: jsonDb(fidelity.sqnrDb),
    maxAbsError: fidelity.maxAbsError === Infinity ? 'Infinity' : fidelity.maxAbsError,
    meanAbsError: fidelity.meanAbsError === Infinity ? 'Infinity' : fidelity.meanAbsError,
    nonFiniteValues: fidelity.nonFiniteValues,
    outputs,
  };
}

/** JSON has no infinities: they travel as strings. */
function jsonDb(value: number): number | 'Infinity' | '-Infinity' {
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

/** report.json text; the report is validated against the schema first, so a bad report is never written. */
export function serializeReport(report: Report): string {
  const checked = reportSchema.safeParse(report);
  if (!checked.success) throw new EdgepressError(ErrorCode.INTERNAL, `The report does not match its schema: ${checked.error.issues[0]?.message ?? 'invalid'}`);
  return `${JSON.stringify(checked.data, null, 2)}\n`;
}

/** Parses and validates report.json text (for the console, the CLI, tests). */
export function parseReport(text: string): Report {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `report.json is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const checked = reportSchema.safeParse(value);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `report.json does not match its schema at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return checked.data;
}
