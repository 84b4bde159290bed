/**
 * What the run page and the comparison draw: per-stage points and bars from a run's stage
 * metrics, the run's final figures against its original model, and live events merged into the
 * run as they arrive. Tests: run-metrics.test.ts.
 */
import type { RunFieldsFragment, StageFieldsFragment } from '../gen/graphql';
import type { RunEvent } from './run-events';

export type RunData = RunFieldsFragment;
export type StageData = StageFieldsFragment;

export const TERMINAL_STATES: readonly string[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

export function stageLabel(stage: Pick<StageData, 'index' | 'pluginName'>): string {
  return `${stage.index + 1} ${stage.pluginName}`;
}

export interface Point {
  x: number;
  y: number;
  label: string;
}

/** The original model (fidelity 1) and each measured stage: size in bytes against mean cosine. */
export function sizeFidelityPoints(run: RunData): Point[] {
  const points: Point[] = [{ x: run.model.sizeBytes, y: 1, label: 'original' }];
  for (const stage of run.stages) {
    const m = stage.metrics;
    if (m?.sizeBytes != null && m.fidelity) points.push({ x: m.sizeBytes, y: m.fidelity.cosine, label: stageLabel(stage) });
  }
  return points;
}

/** Size against task accuracy, when the run had evaluation data (the baseline from the first delta). */
export function sizeAccuracyPoints(run: RunData): Point[] {
  const measured = run.stages.flatMap((stage) => {
    const sizeBytes = stage.metrics?.sizeBytes;
    const accuracy = stage.metrics?.accuracy;
    return sizeBytes != null && accuracy ? [{ stage, sizeBytes, accuracy }] : [];
  });
  if (measured.length === 0) return [];
  const first = measured[0].accuracy;
  const points: Point[] = [];
  if (first.deltaVsBaseline !== null) points.push({ x: run.model.sizeBytes, y: first.value - first.deltaVsBaseline, label: 'original' });
  for (const { stage, sizeBytes, accuracy } of measured) points.push({ x: sizeBytes, y: accuracy.value, label: stageLabel(stage) });
  return points;
}

export interface LatencyRows {
  categories: string[];
  measured: (number | null)[];
  estimated: (number | null)[];
}

/** Per stage: ONNX Runtime median on the measuring host, and the roofline estimate on the target. */
export function latencyRows(run: RunData): LatencyRows {
  const stages = run.stages.filter((stage) => stage.metrics?.latency || stage.metrics?.estimate);
  return {
    categories: stages.map(stageLabel),
    measured: stages.map((stage) => stage.metrics?.latency?.medianMs ?? null),
    estimated: stages.map((stage) => stage.metrics?.estimate?.latencyMs ?? null),
  };
}

export interface ClassDelta {
  label: number;
  samples: number;
  baselineAccuracy: number;
  accuracy: number;
  delta: number;
}

/** The per-class accuracy changes of the last stage that has them, worst first. */
export function classDeltas(run: RunData): { stage: string; deltas: ClassDelta[] } | null {
  for (const stage of [...run.stages].reverse()) {
    const deltas = stage.metrics?.accuracy?.perClassDeltas;
    if (deltas && deltas.length > 0) return { stage: stageLabel(stage), deltas: [...deltas].sort((a, b) => a.delta - b.delta) };
  }
  return null;
}

/** The last stage with metrics: what the run produced so far. */
export function finalStage(run: RunData): StageData | null {
  return [...run.stages].reverse().find((stage) => stage.state === 'SUCCEEDED' && stage.metrics) ?? null;
}

export interface RunOutcome {
  sizeBytes: number | null;
  /** final / original, e.g. 0.27 */
  sizeRatio: number | null;
  cosine: number | null;
  accuracy: number | null;
  accuracyDelta: number | null;
  hostLatencyMs: number | null;
  estimatedLatencyMs: number | null;
  estimatedEnergyMj: number | null;
  fits: boolean | null;
}

export function runOutcome(run: RunData): RunOutcome {
  const m = finalStage(run)?.metrics ?? null;
  return {
    sizeBytes: m?.sizeBytes ?? null,
    sizeRatio: m?.sizeBytes != null && run.model.sizeBytes > 0 ? m.sizeBytes / run.model.sizeBytes : null,
    cosine: m?.fidelity?.cosine ?? null,
    accuracy: m?.accuracy?.value ?? null,
    accuracyDelta: m?.accuracy?.deltaVsBaseline ?? null,
    hostLatencyMs: m?.latency?.medianMs ?? null,
    estimatedLatencyMs: m?.estimate?.latencyMs ?? null,
    estimatedEnergyMj: m?.estimate?.energyMj ?? null,
    fits: m?.estimate ? m.estimate.fits : null,
  };
}

/** A live event applied to the run as the page holds it (stages replaced by index, progress updated). */
export function applyRunEvent<R extends RunData>(run: R, event: RunEvent): R {
  const next = { ...run, state: event.run.state, progress: event.run.progress, message: event.run.message, durationMs: event.run.durationMs, error: event.run.error };
  if (event.stage) {
    const incoming = event.stage;
    next.stages = run.stages.map((stage) => (stage.index === incoming.index ? { ...stage, ...incoming } : stage)) as R['stages'];
  }
  return next;
}
