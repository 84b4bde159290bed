import type { ModelSummary } from '@edgepress/onnx';
import { checkCompatibility, estimate, type CompatibilityIssue } from '@edgepress/targets';
import type { TargetView } from './target-view';

/** libs/targets' answers for (model, target), in the shapes of the GraphQL types. */

function toIssue(issue: CompatibilityIssue) {
  return {
    code: issue.code,
    severity: issue.severity,
    message: issue.message,
    requiredBytes: issue.requiredBytes ?? null,
    availableBytes: issue.availableBytes ?? null,
    excessBytes: issue.excessBytes ?? null,
    ratio: issue.ratio ?? null,
    opType: issue.opType ?? null,
    nodeCount: issue.nodeCount ?? null,
    precision: issue.precision ?? null,
    layerCount: issue.layerCount ?? null,
    executedAs: issue.executedAs ?? null,
    tensors: issue.tensors ? [...issue.tensors] : null,
  };
}

export function compatibilityReport(summary: ModelSummary, target: TargetView) {
  const report = checkCompatibility(summary, target.definition);
  return { target, fits: report.fits, compatible: report.compatible, issues: report.issues.map(toIssue), requiredScheme: report.requiredScheme };
}

export function rooflineEstimate(summary: ModelSummary, target: TargetView) {
  const result = estimate(summary, target.definition);
  return {
    target,
    latencyMs: result.latencyMs,
    energyMj: result.energyMj,
    complete: result.complete,
    computeBoundLayers: result.computeBoundLayers,
    memoryBoundLayers: result.memoryBoundLayers,
    perLayer: result.perLayer,
    notEstimated: result.notEstimated,
    efficiency: result.efficiency,
    assumptions: result.assumptions,
  };
}

export function matrixRow(summary: ModelSummary, target: TargetView) {
  const report = checkCompatibility(summary, target.definition);
  const roofline = estimate(summary, target.definition);
  const issues = report.issues.map(toIssue);
  return {
    target,
    fits: report.fits,
    compatible: report.compatible,
    needsInt8: report.requiredScheme.requiresQuantization || report.issues.some((issue) => issue.code === 'REQUIRES_INT8'),
    unsupportedOps: [...new Set(report.issues.filter((issue) => issue.code === 'UNSUPPORTED_OP' && issue.opType).map((issue) => issue.opType as string))],
    errorCount: report.issues.filter((issue) => issue.severity === 'error').length,
    warningCount: report.issues.filter((issue) => issue.severity === 'warning').length,
    issues,
    estimatedLatencyMs: roofline.latencyMs,
    estimatedEnergyMj: roofline.energyMj,
    estimateComplete: roofline.complete,
  };
}
