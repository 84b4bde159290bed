import type { PluginTarget } from '@edgepress/plugin-sdk';

export interface NmPattern {
  readonly n: number;
  readonly m: number;
}

/**
 * Whether every mask with at most n non-zeros per aligned group of m also has at most N per
 * aligned group of M (the hardware's pattern): when M is a multiple of m, a group of M holds
 * M/m groups of m, so n * M/m <= N is needed; when m is a multiple of M, a group of M lies inside
 * one group of m and can hold all n of its non-zeros, so n <= N. 1:4 and 2:8 masks therefore run
 * on 2:4 hardware; 4:8 masks do not (one half may hold three non-zeros).
 */
export function satisfies(mask: NmPattern, hardware: NmPattern): boolean {
  if (hardware.m % mask.m === 0) return mask.n * (hardware.m / mask.m) <= hardware.n;
  if (mask.m % hardware.m === 0) return mask.n <= hardware.n;
  return false;
}

export function formatPattern(pattern: NmPattern): string {
  return `${pattern.n}:${pattern.m}`;
}

/** The target's accelerated pattern that a mask satisfies, if any. */
export function acceleratedPattern(target: PluginTarget, mask: NmPattern): NmPattern | undefined {
  return target.sparsity.structured.find((hardware) => satisfies(mask, hardware));
}
