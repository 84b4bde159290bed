/** Unit constants for the catalog, so that every figure reads like its spec sheet. */
export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const MHz = 1e6;
/** Decimal bandwidth units, as memory vendors quote them. */
export const MB_PER_S = 1e6;
export const GB_PER_S = 1e9;
/** Converts a vendor TOPS (or TFLOPS) figure into MAC/s: one MAC is two operations. */
export function tops(value: number): number {
  return (value * 1e12) / 2;
}
