/** Human-readable figures for report messages. */

/** `2.48 MiB (2,602,848 bytes)`: readable, and exact for whoever compares numbers. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const exact = `${Math.round(bytes).toLocaleString('en-US')} bytes`;
  return unit === 0 ? exact : `${Number(value.toFixed(2))} ${units[unit]} (${exact})`;
}

export function formatRatio(ratio: number): string {
  return `${Number(ratio.toFixed(2))}x`;
}
