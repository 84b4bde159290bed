/** Display names for the gateway's enums. */
export const KIND_LABELS: Record<string, string> = { CPU: 'CPU', GPU: 'GPU', NPU: 'NPU', MCU: 'Microcontroller' };
export const PRECISIONS = ['FP32', 'FP16', 'BF16', 'INT8', 'INT4', 'BINARY'] as const;

export function precisionLabel(precision: string): string {
  return precision === 'BINARY' ? 'binary' : precision.toLowerCase();
}

/** The highest peak and its precision ("128 GMAC/s int8"). */
export function peakOf(peaks: readonly { precision: string; macsPerSecond: number }[]): { precision: string; macsPerSecond: number } | null {
  return peaks.reduce<{ precision: string; macsPerSecond: number } | null>((best, peak) => (best === null || peak.macsPerSecond > best.macsPerSecond ? peak : best), null);
}
