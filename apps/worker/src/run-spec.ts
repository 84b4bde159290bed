/**
 * What the gateway stored for a run (runs.spec and the pinned stage rows) as a libs/pipeline spec.
 * Stages come from the rows, whose versions were pinned when the run was created; datasets become
 * `ref` sources for the run's dataset resolver. A run without calibration data is calibrated on
 * seeded random inputs shaped like the model's (the report names the data), so that plugins that
 * calibrate, and models with symbolic input dimensions, still run; give a calibration dataset for
 * calibration that reflects real inputs. The shapes of symbolic inputs are those the gateway
 * stored in `spec.inputShapes` (asked for, or the model's registered dimension values); without
 * them random data takes symbolic dimensions as 1.
 */
import type { PipelineSpecInput } from '@edgepress/pipeline';

export interface StoredRun {
  targetId: string;
  spec: Record<string, unknown>;
}

export interface StoredStage {
  index: number;
  pluginName: string;
  pluginVersion: string;
  params: Record<string, unknown>;
}

function optionalId(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** The stored `[{ name, dims }]` as the pipeline's `{ name: dims }`; anything else is left for the pipeline's own checks. */
function inputShapesOf(value: unknown): Record<string, number[]> | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  // fromEntries defines own properties: a stored name such as "__proto__" stays a plain key.
  return Object.fromEntries(
    (value as { name?: unknown; dims?: unknown }[]).filter((entry) => typeof entry?.name === 'string' && Array.isArray(entry.dims)).map((entry) => [entry.name as string, entry.dims as number[]]),
  );
}

export function pipelineSpecOf(run: StoredRun, stages: readonly StoredStage[], randomCalibrationSamples: number): PipelineSpecInput {
  const calibration = optionalId(run.spec.calibrationDatasetId);
  const evaluation = optionalId(run.spec.evaluationDatasetId);
  const inputShapes = inputShapesOf(run.spec.inputShapes);
  const constraints = typeof run.spec.constraints === 'object' && run.spec.constraints !== null ? (run.spec.constraints as Record<string, number>) : {};
  return {
    target: run.targetId,
    stages: [...stages].sort((a, b) => a.index - b.index).map((stage) => ({ plugin: stage.pluginName, version: stage.pluginVersion, params: stage.params })),
    calibration: calibration ? { type: 'ref', id: calibration } : { type: 'random', count: randomCalibrationSamples, seed: 0 },
    ...(evaluation ? { evaluation: { type: 'ref', id: evaluation } } : {}),
    constraints,
    ...(inputShapes ? { inputShapes } : {}),
  };
}
