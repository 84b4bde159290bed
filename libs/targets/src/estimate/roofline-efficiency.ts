import type { HardwareTarget, TargetKind } from '../schema/target-schema';

export interface RooflineEfficiency {
  /** Fraction of peak MAC/s that real kernels reach. */
  readonly compute: number;
  /** Fraction of peak memory bandwidth that real kernels reach. */
  readonly memory: number;
}

/**
 * Peak is never reached. These factors are stated assumptions, not measurements on each device;
 * a target can override them with `rooflineEfficiency` once someone measures it.
 * - cpu: tuned GEMM kernels (MLAS, XNNPACK) reach 60-90 % of peak on large matrices but far less on
 *   depthwise and small convolutions; STREAM-like bandwidth is typically 60-80 % of theoretical.
 * - gpu: batch-1 edge inference leaves SMs idle between small kernels and launches: about a third.
 * - npu: compilers keep the array busy on large convolutions but not on small or odd-shaped layers.
 * - mcu: CMSIS-NN/ESP-NN inner loops spend cycles on operand unpacking (SXTB16) and im2col around
 *   the MAC instructions; memory is simple and close to its nominal rate.
 */
export const DEFAULT_ROOFLINE_EFFICIENCY: Readonly<Record<TargetKind, RooflineEfficiency>> = Object.freeze({
  cpu: Object.freeze({ compute: 0.5, memory: 0.7 }),
  gpu: Object.freeze({ compute: 0.35, memory: 0.7 }),
  npu: Object.freeze({ compute: 0.4, memory: 0.7 }),
  mcu: Object.freeze({ compute: 0.4, memory: 0.8 }),
});

export function rooflineEfficiencyOf(target: HardwareTarget): RooflineEfficiency {
  return target.rooflineEfficiency ?? DEFAULT_ROOFLINE_EFFICIENCY[target.kind];
}
