import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { StageResult } from '@edgepress/plugin-sdk';

const MAX_SUMMARY_ENTRIES = 256;
const MAX_NOTES = 256;

/**
 * Parses the JSON a plugin's run() returned and checks it is a StageResult and nothing more:
 * `summary` maps names to numbers, strings or booleans; `notes` is a list of strings.
 */
export function parseStageResult(json: string | undefined, label: string): StageResult | undefined {
  if (json === undefined) return undefined;
  const fail = (what: string) => new EdgepressError(ErrorCode.PLUGIN_FAILED, `Plugin ${label}: run() must return { summary?, notes? } or nothing, but ${what}`);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw fail('its value is not JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw fail(`it returned ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  const { summary, notes, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) throw fail(`it returned the unexpected key ${JSON.stringify(extra[0])}`);
  const result: { summary?: Record<string, number | string | boolean>; notes?: string[] } = {};
  if (summary !== undefined) {
    if (summary === null || typeof summary !== 'object' || Array.isArray(summary)) throw fail('summary is not an object');
    const entries = Object.entries(summary as Record<string, unknown>);
    if (entries.length > MAX_SUMMARY_ENTRIES) throw fail(`summary has more than ${MAX_SUMMARY_ENTRIES} entries`);
    const clean: Record<string, number | string | boolean> = Object.create(null) as Record<string, number | string | boolean>;
    for (const [key, item] of entries) {
      if (typeof item !== 'number' && typeof item !== 'string' && typeof item !== 'boolean') throw fail(`summary.${key} is not a number, string or boolean`);
      clean[key] = item;
    }
    result.summary = { ...clean };
  }
  if (notes !== undefined) {
    if (!Array.isArray(notes) || notes.length > MAX_NOTES || !notes.every((note) => typeof note === 'string')) {
      throw fail(`notes is not a list of at most ${MAX_NOTES} strings`);
    }
    result.notes = [...(notes as string[])];
  }
  return result;
}
