import { usageError } from './usage-error';

/** One `--stage NAME[:key=value,...]`: a plugin name and its params (typed, not yet validated). */
export interface StageOption {
  readonly plugin: string;
  readonly params: Record<string, unknown>;
}

const PLUGIN_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
const KEY = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const MAX_OPTION_CHARS = 10_000;
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Splits `a=1,b=[1,2],c="x,y"` on the commas that are outside brackets, braces and quotes, so
 * that list and object values (JSON) can be written inline.
 */
function splitPairs(text: string, option: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '\\') i++;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === '[' || char === '{') depth++;
    else if (char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) throw usageError(`Unbalanced brackets in ${option}`);
  }
  if (quoted || depth !== 0) throw usageError(`Unbalanced quotes or brackets in ${option}`);
  parts.push(text.slice(start));
  return parts;
}

/**
 * A value as the plugin's JSON Schema expects it (params are not coerced by the gateway):
 * numbers, true/false/null, JSON for quoted strings, lists and objects, anything else a string.
 */
function parseValue(raw: string, key: string, option: string): unknown {
  if (NUMBER.test(raw)) return Number(raw);
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  if (raw.startsWith('"') || raw.startsWith('[') || raw.startsWith('{')) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      throw usageError(`Expected JSON for ${key} in ${option} but received ${raw}`);
    }
  }
  return raw;
}

/** Parses `quantize-int8:mode=static,perChannel=true,exclude=["Conv_0"]`. */
export function parseStageOption(value: string, option = '--stage'): StageOption {
  if (value.length > MAX_OPTION_CHARS) throw usageError(`${option} is longer than ${MAX_OPTION_CHARS} characters`);
  const colon = value.indexOf(':');
  const plugin = colon < 0 ? value : value.slice(0, colon);
  const label = `${option} ${value.length > 80 ? `${value.slice(0, 80)}...` : value}`;
  if (!PLUGIN_NAME.test(plugin)) {
    throw usageError(`Expected ${option} NAME[:key=value,...] with a plugin name of a-z, 0-9 and "-" (e.g. quantize-int8:mode=static) but received "${value.slice(0, 80)}"`);
  }
  const params: Record<string, unknown> = {};
  if (colon < 0 || colon === value.length - 1) return { plugin, params };
  for (const pair of splitPairs(value.slice(colon + 1), label)) {
    const equals = pair.indexOf('=');
    const key = equals < 0 ? pair : pair.slice(0, equals);
    if (equals < 0 || !KEY.test(key)) throw usageError(`Expected key=value pairs in ${label} but received "${pair.slice(0, 80)}"`);
    if (RESERVED_KEYS.has(key)) throw usageError(`${key} is a reserved name and cannot be a param in ${label}`);
    if (Object.prototype.hasOwnProperty.call(params, key)) throw usageError(`${key} is given twice in ${label}`);
    params[key] = parseValue(pair.slice(equals + 1), key, label);
  }
  return { plugin, params };
}
