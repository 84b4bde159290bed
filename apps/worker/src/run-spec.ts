/**
 * What the gateway stored for a run (runs.spec and the pinned stage rows) as a libs/pipeline spec.
 * Stages come from the rows, whose versions were pinned when the run was created; datasets become
 * `ref` sources for the run's dataset resolver. A run without calibration data is calibrated on
 * seeded random inputs shaped like the model's (the report names the data), so that plugins that
 * calibrate, and models with symbolic input dimensions, still run; give a calibration dataset for
 * calibration that reflects real inputs.
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

export function pipelineSpecOf(run: StoredRun, stages: readonly StoredStage[], randomCalibrationSamples: number): PipelineSpecInput {
  const calibration = optionalId(run.spec.calibrationDatasetId);
  const evaluation = optionalId(run.spec.evaluationDatasetId);
  const constraints = typeof run.spec.constraints === 'object' && run.spec.constraints !== null ? (run.spec.constraints as Record<string, number>) : {};
  return {
    target: run.targetId,
    stages: [...stages].sort((a, b) => a.index - b.index).map((stage) => ({ plugin: stage.pluginName, version: stage.pluginVersion, params: stage.params })),
    calibration: calibration ? { type: 'ref', id: calibration } : { type: 'random', count: randomCalibrationSamples, seed: 0 },
    ...(evaluation ? { evaluation: { type: 'ref', id: evaluation } } : {}),
    constraints,
  };
}
