import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './usage-error';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with its TypeErrors turned into usage errors (exit code 2). */
export function parseOptions<O extends Options>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError((error as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
}

/** `NAME=1,3,640,640` -> ['NAME', [1, 3, 640, 640]]. */
export function parseShapeOption(value: string, option: string): [string, number[]] {
  const [, name, list] = /^([^=]+)=(\d+(?:,\d+)*)$/.exec(value) ?? [];
  if (name === undefined || list === undefined) {
    throw usageError(`Expected ${option} NAME=D1,D2,... (e.g. x=1,3,640,640) but received "${value}"`);
  }
  const dims = list.split(',').map(Number);
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 1)) throw usageError(`Dimensions of ${option} ${value} must be positive integers`);
  return [name, dims];
}

/** `NAME=VALUE` for a symbolic dimension. */
export function parseDimOption(value: string): [string, number] {
  const [, name, digits] = /^([^=]+)=(\d+)$/.exec(value) ?? [];
  const dim = Number(digits);
  if (name === undefined || !Number.isSafeInteger(dim) || dim < 1) {
    throw usageError(`Expected --dim NAME=VALUE with a positive integer (e.g. height=640) but received "${value}"`);
  }
  return [name, dim];
}
