import type { LayerCost, ModelSummary } from '@edgepress/onnx';
import { resolveExecutionPath } from '../execution-path';
import { FLOAT_PRECISIONS, PRECISIONS, type Precision } from '../schema/fields';
import type { HardwareTarget } from '../schema/target-schema';
import type { QuantizationRequirements } from '../quantization-requirements';
import type { CompatibilityIssue } from './compatibility-issue';

export function layersByPrecision(summary: ModelSummary): Map<Precision, LayerCost[]> {
  const groups = new Map<Precision, LayerCost[]>();
  for (const precision of PRECISIONS) {
    const layers = summary.layers.filter((layer) => layer.precision === precision);
    if (layers.length > 0) groups.set(precision, layers);
  }
  return groups;
}

function layers(count: number): string {
  return `${count} layer${count === 1 ? '' : 's'}`;
}

/** Which of the model's precisions the target cannot run as they are, and what happens to them. */
export function checkPrecisions(summary: ModelSummary, target: HardwareTarget, required: QuantizationRequirements): CompatibilityIssue[] {
  const issues: CompatibilityIssue[] = [];
  const groups = layersByPrecision(summary);
  for (const [precision, group] of groups) {
    const path = resolveExecutionPath(target, precision);
    if (path.kind === 'native') continue;
    if (path.kind === 'converted') {
      issues.push({
        code: 'PRECISION_CONVERTED',
        severity: path.lossy ? 'warning' : 'info',
        message:
          `${layers(group.length)} at ${precision}: the ${target.id} does not accelerate ${precision}; ${path.description}` +
          (path.lossy ? ', which changes the numbers: check accuracy.' : `, so ${precision} saves memory but runs at the ${path.executedAs} rate.`),
        precision,
        layerCount: group.length,
        executedAs: path.executedAs,
      });
      continue;
    }
    const blocking = required.requiresQuantization && FLOAT_PRECISIONS.includes(precision);
    issues.push({
      code: 'UNSUPPORTED_PRECISION',
      severity: blocking ? 'error' : 'warning',
      message: `${layers(group.length)} at ${precision}: the ${target.id} cannot run ${precision}; they would run on ${target.fallback.description}.`,
      precision,
      layerCount: group.length,
      executedAs: null,
    });
  }

  const floatLayers = [...groups].filter(([precision]) => FLOAT_PRECISIONS.includes(precision)).flatMap(([, group]) => group);
  if (required.requiresQuantization && floatLayers.length > 0) {
    const allowed = required.allowedPrecisions.join('/');
    const scheme = [required.perTensorOnly ? 'per-tensor scales' : null, required.staticShapes ? 'static shapes' : null].filter(Boolean).join(', ');
    issues.push({
      code: 'REQUIRES_INT8',
      severity: 'error',
      message:
        `The ${target.id} runs only ${allowed} models: quantize the ${layers(floatLayers.length)} in floating point to ${allowed}` +
        `${scheme.length > 0 ? ` (${scheme})` : ''} before the model can run on it.`,
      layerCount: floatLayers.length,
    });
  }
  return issues;
}
