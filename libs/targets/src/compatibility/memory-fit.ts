import type { ModelSummary } from '@edgepress/onnx';
import type { HardwareTarget, McuTarget } from '../schema/target-schema';
import { formatBytes, formatRatio } from '../format';
import type { CompatibilityIssue } from './compatibility-issue';

export interface MemoryReservations {
  /** Bytes of flash taken by program code and the runtime (MCUs). */
  readonly reservedFlashBytes: number;
  /** Bytes of RAM taken by the OS, the runtime and the application. */
  readonly reservedRamBytes: number;
}

/** Where the weights and the activations of a model live on a target, and whether they fit. */
export function checkMemoryFit(summary: ModelSummary, target: HardwareTarget, reserved: MemoryReservations): CompatibilityIssue[] {
  if (target.kind === 'mcu') return checkMcu(summary, target, reserved);
  if (target.kind === 'npu' && target.offChipWeightStreaming !== null) return checkOnChipNpu(summary, target, reserved);
  const issues: CompatibilityIssue[] = [];
  const activations = summary.peakActivationBytes;
  const needed = summary.weightBytes + (activations ?? 0);
  const available = target.memory.ramBytes - reserved.reservedRamBytes;
  const what = activations === null ? 'Weights' : 'Weights and peak activations';
  const exceeded = exceeds('EXCEEDS_RAM', `${what} need`, needed, available, `of RAM on the ${target.id}`);
  if (exceeded !== null) issues.push(exceeded);
  if (activations === null) issues.push(unknownActivations(target));
  return issues;
}

function checkMcu(summary: ModelSummary, target: McuTarget, reserved: MemoryReservations): CompatibilityIssue[] {
  const issues: CompatibilityIssue[] = [];
  const flash = exceeds('EXCEEDS_FLASH', 'Weights need', summary.weightBytes, target.flash.bytes - reserved.reservedFlashBytes, `of flash on the ${target.id}`);
  if (flash !== null) issues.push(flash);

  const activations = summary.peakActivationBytes;
  if (activations === null) return [...issues, unknownActivations(target)];
  const sram = target.memory.ramBytes - reserved.reservedRamBytes;
  if (activations <= sram) {
    const block = target.largestContiguousSramBytes - reserved.reservedRamBytes;
    if (activations > block) {
      issues.push({
        code: 'EXCEEDS_CONTIGUOUS_RAM',
        severity: 'warning',
        message:
          `Peak activations need ${formatBytes(activations)}, more than the largest contiguous SRAM block of the ${target.id} ` +
          `(${formatBytes(block)}): TFLite Micro needs one contiguous arena; a runtime that splits activations over banks is required.`,
        requiredBytes: activations,
        availableBytes: block,
        excessBytes: activations - block,
        ratio: activations / block,
      });
    }
    return issues;
  }
  const external = target.externalRam;
  if (external !== null && activations <= external.bytes) {
    issues.push({
      code: 'ACTIVATIONS_IN_EXTERNAL_RAM',
      severity: 'warning',
      message:
        `Peak activations need ${formatBytes(activations)}, more than the ${formatBytes(sram)} of SRAM on the ${target.id}: ` +
        `they must live in external RAM (${formatBytes(external.bytes)}), which is slower.`,
      requiredBytes: activations,
      availableBytes: sram,
      excessBytes: activations - sram,
      ratio: activations / sram,
    });
    return issues;
  }
  const largest = Math.max(sram, external?.bytes ?? 0);
  const where = external === null ? `of SRAM on the ${target.id}` : `of SRAM or external RAM on the ${target.id}`;
  const ram = exceeds('EXCEEDS_RAM', 'Peak activations need', activations, largest, where);
  return ram === null ? issues : [...issues, ram];
}

/** NPUs that keep weights and activations on chip and stream the weights that do not fit (Edge TPU). */
function checkOnChipNpu(
  summary: ModelSummary,
  target: Extract<HardwareTarget, { kind: 'npu' }>,
  reserved: MemoryReservations,
): CompatibilityIssue[] {
  const issues: CompatibilityIssue[] = [];
  const onChip = target.memory.ramBytes - reserved.reservedRamBytes;
  const link = target.offChipWeightStreaming;
  if (link !== null && summary.weightBytes > onChip) {
    const streamed = summary.weightBytes - onChip;
    issues.push({
      code: 'EXCEEDS_ON_CHIP_MEMORY',
      severity: 'warning',
      message:
        `Weights need ${formatBytes(summary.weightBytes)}, more than the ${formatBytes(onChip)} of on-chip memory of the ${target.id}: ` +
        `${formatBytes(streamed)} stream from the host over ${link.link} on every inference.`,
      requiredBytes: summary.weightBytes,
      availableBytes: onChip,
      excessBytes: streamed,
      ratio: summary.weightBytes / onChip,
    });
  }
  const activations = summary.peakActivationBytes;
  if (activations === null) return [...issues, unknownActivations(target)];
  const ram = exceeds('EXCEEDS_RAM', 'Peak activations need', activations, onChip, `of on-chip memory on the ${target.id}`);
  return ram === null ? issues : [...issues, ram];
}

function exceeds(
  code: 'EXCEEDS_FLASH' | 'EXCEEDS_RAM',
  what: string,
  required: number,
  available: number,
  where: string,
): CompatibilityIssue | null {
  if (required <= available) return null;
  if (available <= 0) {
    return {
      code,
      severity: 'error',
      message: `${what} ${formatBytes(required)} but nothing is left ${where} after the reserved bytes.`,
      requiredBytes: required,
      availableBytes: Math.max(available, 0),
      excessBytes: required - Math.max(available, 0),
    };
  }
  const excess = required - available;
  const ratio = required / available;
  return {
    code,
    severity: 'error',
    message: `${what} ${formatBytes(required)} but there are ${formatBytes(available)} ${where}: ${formatBytes(excess)} too much (${formatRatio(ratio)} the capacity).`,
    requiredBytes: required,
    availableBytes: available,
    excessBytes: excess,
    ratio,
  };
}

function unknownActivations(target: HardwareTarget): CompatibilityIssue {
  return {
    code: 'ACTIVATION_SIZE_UNKNOWN',
    severity: 'warning',
    message: `Peak activation size is unknown (shapes are not all known), so whether activations fit the RAM of the ${target.id} was not checked.`,
  };
}
