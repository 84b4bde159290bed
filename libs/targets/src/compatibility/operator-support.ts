import type { ModelSummary } from '@edgepress/onnx';
import { ALWAYS_FOLDED_OPS } from '../folded-ops';
import type { HardwareTarget, McuTarget, NpuTarget } from '../schema/target-schema';
import type { CompatibilityIssue } from './compatibility-issue';


/** Shape arithmetic that constant folding removes once every input shape is fixed. */
const SHAPE_COMPUTATION = new Set(['Shape', 'Size', 'ConstantOfShape', 'Range']);

/** Operators a target cannot run (NPU compilers, MCU kernel libraries); CPUs and GPUs run them all. */
export function checkOperators(summary: ModelSummary, target: HardwareTarget): CompatibilityIssue[] {
  if (target.kind === 'npu') return checkNpuOperators(summary, target);
  if (target.kind === 'mcu') return checkMcuOperators(summary, target);
  return [];
}

function usedOps(summary: ModelSummary): Array<[string, number]> {
  return Object.entries(summary.ops)
    .filter(([opType]) => !ALWAYS_FOLDED_OPS.has(opType))
    .sort(([a], [b]) => a.localeCompare(b));
}

function shapeHint(opType: string): string {
  return SHAPE_COMPUTATION.has(opType) ? ' It computes shapes: fixing the input shapes and folding constants removes it.' : '';
}

function nodes(count: number, opType: string): string {
  return `${count} ${opType} node${count === 1 ? '' : 's'}`;
}

function checkNpuOperators(summary: ModelSummary, target: NpuTarget): CompatibilityIssue[] {
  const supported = new Set<string>(target.supportedOps);
  return usedOps(summary)
    .filter(([opType]) => !supported.has(opType))
    .map(([opType, count]) => {
      const fallback = target.unsupportedOps === 'host-fallback';
      const consequence = fallback
        ? `it runs on the host instead (${target.fallback.description}), with a transfer each way.`
        : 'compilation fails.';
      return {
        code: 'UNSUPPORTED_OP' as const,
        severity: fallback ? ('warning' as const) : ('error' as const),
        message: `${nodes(count, opType)}: ${opType} is not supported by the ${target.id}; ${consequence}${shapeHint(opType)}`,
        opType,
        nodeCount: count,
      };
    });
}

function checkMcuOperators(summary: ModelSummary, target: McuTarget): CompatibilityIssue[] {
  const supported = new Set<string>(target.kernels.supportedOps);
  const optimized = new Set<string>(target.kernels.optimizedOps);
  const computeOps = new Set(summary.layers.filter((layer) => layer.macs === null || layer.macs > 0).map((layer) => layer.opType));
  const issues: CompatibilityIssue[] = [];
  for (const [opType, count] of usedOps(summary)) {
    if (!supported.has(opType)) {
      issues.push({
        code: 'UNSUPPORTED_OP',
        severity: 'error',
        message: `${nodes(count, opType)}: ${target.kernels.library} has no ${opType} kernel, so the model cannot run on the ${target.id}.${shapeHint(opType)}`,
        opType,
        nodeCount: count,
      });
    } else if (!optimized.has(opType) && computeOps.has(opType)) {
      issues.push({
        code: 'UNOPTIMIZED_OP',
        severity: 'info',
        message: `${nodes(count, opType)}: ${opType} has no optimized kernel in ${target.kernels.library}; it runs the portable reference kernel.`,
        opType,
        nodeCount: count,
      });
    }
  }
  return issues;
}
