import { invalidModel } from './errors';
import type { TensorProto } from './gen/onnx_pb';

/** A tensor's external_data entries, checked: where its bytes are, relative to the model's folder. */
export interface ExternalDataRef {
  /** Relative path with '/' separators, never absolute, never containing '..'. */
  readonly location: string;
  readonly offset: number;
  /** Absent means "to the end of the file". */
  readonly length: number | undefined;
}

const KNOWN_KEYS = new Set(['location', 'offset', 'length', 'checksum']);

/**
 * Parses and validates external_data. Paths that could leave the model's folder are refused here,
 * when the model is read, not only when data is loaded: absolute paths (POSIX or Windows, drive
 * letters, UNC), backslashes, '..' segments, NUL bytes. Offsets and lengths must be plain decimal
 * integers (no signs, exponents, hex or whitespace).
 */
export function parseExternalDataRef(tensor: TensorProto, where: string): ExternalDataRef {
  const values = new Map<string, string>();
  for (const entry of tensor.externalData) {
    if (!KNOWN_KEYS.has(entry.key)) continue;
    if (values.has(entry.key)) throw invalidModel(`${where} repeats external_data key '${entry.key}'`, { tensor: tensor.name });
    values.set(entry.key, entry.value);
  }
  const location = values.get('location');
  if (location === undefined || location === '') throw invalidModel(`${where} is stored externally but has no location`, { tensor: tensor.name });
  checkLocation(location, where, tensor.name);
  return {
    location,
    offset: parseSize(values.get('offset'), 'offset', where, tensor.name) ?? 0,
    length: parseSize(values.get('length'), 'length', where, tensor.name),
  };
}

function checkLocation(location: string, where: string, tensor: string): void {
  const refuse = (why: string) => invalidModel(`${where} has external data location ${JSON.stringify(location)}, which ${why}`, { tensor });
  if (location.includes('\0')) throw refuse('contains a NUL byte');
  if (location.includes('\\')) throw refuse('contains a backslash');
  if (location.startsWith('/')) throw refuse('is an absolute path');
  if (/^[A-Za-z]:/.test(location)) throw refuse('names a drive');
  if (location.split('/').includes('..')) throw refuse("leaves the model's folder ('..')");
}

function parseSize(value: string | undefined, key: string, where: string, tensor: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,16}$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw invalidModel(`${where} has external data ${key} ${JSON.stringify(value)}; expected a non-negative decimal integer`, { tensor });
  }
  return Number(value);
}
