/**
 * The view of a hardware target that a plugin receives as `ctx.target`, derived from a libs/targets
 * catalog entry: what a plugin needs to choose a scheme, as plain frozen data (it is copied into
 * the sandbox). Quantization constraints come from libs/targets' quantizationRequirements, so a
 * plugin and the compatibility check agree on them.
 */
import type { PluginTarget } from '@edgepress/plugin-sdk';
import { quantizationRequirements, type HardwareTarget } from '@edgepress/targets';

/** Kernel libraries named by MCU targets, as the feature names plugins test for. */
const MCU_KERNEL_LIBRARIES: ReadonlyArray<readonly [RegExp, string]> = [
  [/cmsis-nn/i, 'cmsis-nn'],
  [/esp-nn/i, 'esp-nn'],
];

function featuresOf(target: HardwareTarget): string[] {
  switch (target.kind) {
    case 'cpu':
      return [...target.isaFeatures];
    case 'mcu':
      return [...target.isaFeatures, ...MCU_KERNEL_LIBRARIES.filter(([pattern]) => pattern.test(target.kernels.library)).map(([, name]) => name)];
    case 'gpu':
      return [...(target.tensorCores > 0 ? ['tensor-cores'] : []), ...(target.sparseTensorCores ? ['sparse-tensor-cores'] : [])];
    case 'npu':
      return [];
  }
}

function supportedOpsOf(target: HardwareTarget): string[] | null {
  if (target.kind === 'npu') return [...target.supportedOps];
  if (target.kind === 'mcu') return [...target.kernels.supportedOps];
  return null;
}

export function toPluginTarget(target: HardwareTarget): PluginTarget {
  const requirements = quantizationRequirements(target);
  const memory = target.kind === 'mcu' ? { ramBytes: target.memory.ramBytes, flashBytes: target.flash.bytes } : { ramBytes: target.memory.ramBytes };
  return deepFreeze({
    id: target.id,
    name: target.name,
    kind: target.kind,
    vendor: target.vendor,
    precisions: [...target.precisions],
    quantization: {
      perTensorOnly: requirements.perTensorOnly,
      reduceRange: requirements.reduceRange,
      staticShapes: requirements.staticShapes,
      symmetricWeights: requirements.symmetricWeights,
      allowedPrecisions: [...requirements.allowedPrecisions],
    },
    sparsity: {
      structured: requirements.sparsity.structured.map(({ n, m }) => ({ n, m })),
      unstructured: requirements.sparsity.unstructured,
    },
    memory,
    supportedOps: supportedOpsOf(target),
    features: featuresOf(target),
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
