/**
 * A stage's measurements as the worker stores them in stages.metrics: libs/pipeline's
 * StageMetrics as JSON, plus the stage's compression time, and, in the first stage's document, the
 * baseline's StageMetrics (a job delivered again resumes with them instead of measuring the input
 * model again). JSON has no infinities: SQNR of identical outputs is stored as "Infinity", as in
 * report.json, and read back as a number. Tests: metrics-document.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { StageMetrics, StageRecord } from '@edgepress/pipeline';

const NON_FINITE: Readonly<Record<string, number>> = { Infinity: Infinity, '-Infinity': -Infinity, NaN: Number.NaN };

/** JSON-safe copy: non-finite numbers become the strings "Infinity", "-Infinity", "NaN". */
export function toJsonDocument(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value, (_key, item: unknown) => (typeof item === 'number' && !Number.isFinite(item) ? String(item) : item))) as Record<string, unknown>;
}

function fromJsonDocument<T>(document: unknown): T {
  return JSON.parse(JSON.stringify(document), (_key, item: unknown) => (typeof item === 'string' && item in NON_FINITE ? NON_FINITE[item] : item)) as T;
}

export function stageMetricsDocument(record: StageRecord, baseline: StageMetrics | null): Record<string, unknown> {
  return toJsonDocument({ ...record.metrics, durationMs: record.durationMs ?? null, ...(baseline ? { baseline } : {}) });
}

interface StoredStage {
  index: number;
  pluginName: string;
  pluginVersion: string;
  params: Record<string, unknown>;
  metrics: Record<string, unknown> | null;
}

/** A finished stage's record for runPipeline's resumeFrom, from its stored row. */
export function stageRecordOf(stage: StoredStage): StageRecord {
  if (stage.metrics === null) {
    throw new EdgepressError(ErrorCode.INTERNAL, `Stage ${stage.index + 1} (${stage.pluginName}) succeeded without a metrics document`);
  }
  const { durationMs, baseline: _baseline, ...metrics } = fromJsonDocument<Record<string, unknown>>(stage.metrics);
  return {
    plugin: stage.pluginName,
    version: stage.pluginVersion,
    params: stage.params,
    metrics: metrics as unknown as StageMetrics,
    ...(typeof durationMs === 'number' ? { durationMs } : {}),
  };
}

/** The baseline stored with the first stage, or null when that stage predates it. */
export function baselineOf(firstStage: StoredStage): StageMetrics | null {
  const baseline = firstStage.metrics?.baseline;
  return baseline && typeof baseline === 'object' ? fromJsonDocument<StageMetrics>(baseline) : null;
}
