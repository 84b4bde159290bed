/**
 * The team-target editor's model: a form over the fields every target kind shares, plus the rest
 * of the definition (kind-specific fields) as JSON. Converts both ways and places the gateway's
 * BAD_USER_INPUT issues (paths inside the definition, from libs/targets) next to the fields they
 * name. Tests: target-form.test.ts.
 */
import { isRecord, type FieldIssue } from './gateway-error';

export const DEFINITION_PRECISIONS = ['fp32', 'fp16', 'bf16', 'int8', 'int4', 'binary'] as const;

export interface TargetForm {
  id: string;
  name: string;
  vendor: string;
  description: string;
  kind: string;
  precisions: string[];
  /** Peak MAC/s per precision, as typed. */
  peaks: Record<string, string>;
  ramBytes: string;
  bandwidthBytesPerSecond: string;
  activeWatts: string;
  idleWatts: string;
  /** One source per line: "title | url" (the url is optional). */
  sources: string;
  /** Every other field of the definition, as a JSON object. */
  rest: string;
}

/** Field keys of the form; `peak.<precision>` for one peak. */
export type TargetFormErrors = Record<string, string>;

const FORM_KEYS = ['id', 'name', 'vendor', 'description', 'kind', 'precisions', 'peakMacsPerSecond', 'memory', 'power', 'sources'];

export function formFromDefinition(definition: Record<string, unknown>): TargetForm {
  const memory = isRecord(definition.memory) ? definition.memory : {};
  const power = isRecord(definition.power) ? definition.power : {};
  const peaks = isRecord(definition.peakMacsPerSecond) ? definition.peakMacsPerSecond : {};
  const sources = Array.isArray(definition.sources) ? definition.sources : [];
  const rest = Object.fromEntries(Object.entries(definition).filter(([key]) => !FORM_KEYS.includes(key)));
  return {
    id: String(definition.id ?? ''),
    name: String(definition.name ?? ''),
    vendor: String(definition.vendor ?? ''),
    description: String(definition.description ?? ''),
    kind: String(definition.kind ?? ''),
    precisions: Array.isArray(definition.precisions) ? definition.precisions.map(String) : [],
    peaks: Object.fromEntries(Object.entries(peaks).map(([precision, value]) => [precision, String(value)])),
    ramBytes: memory.ramBytes === undefined ? '' : String(memory.ramBytes),
    bandwidthBytesPerSecond: memory.bandwidthBytesPerSecond === undefined ? '' : String(memory.bandwidthBytesPerSecond),
    activeWatts: power.activeWatts === undefined ? '' : String(power.activeWatts),
    idleWatts: power.idleWatts === undefined ? '' : String(power.idleWatts),
    sources: sources
      .filter(isRecord)
      .map((source) => (typeof source.url === 'string' && source.url ? `${String(source.title)} | ${source.url}` : String(source.title)))
      .join('\n'),
    rest: JSON.stringify(rest, null, 2),
  };
}

function parseNumber(text: string, errors: TargetFormErrors, key: string, what: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    errors[key] = `Enter ${what}.`;
    return undefined;
  }
  const value = Number(trimmed.replace(/[_\s]/g, ''));
  if (!Number.isFinite(value)) {
    errors[key] = `Enter ${what} as a number (1e9 and 1_000_000 work), not ${JSON.stringify(trimmed.slice(0, 30))}.`;
    return undefined;
  }
  return value;
}

export type DefinitionResult = { ok: true; definition: Record<string, unknown> } | { ok: false; errors: TargetFormErrors };

/** The definition to send, or the errors the console can see without asking the gateway. */
export function definitionFromForm(form: TargetForm): DefinitionResult {
  const errors: TargetFormErrors = {};
  let rest: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(form.rest.trim() || '{}');
    if (!isRecord(parsed)) errors.rest = 'Enter a JSON object ({ ... }) with the other fields of the target.';
    else rest = parsed;
  } catch (error) {
    errors.rest = `This is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`;
  }
  const duplicated = Object.keys(rest).filter((key) => FORM_KEYS.includes(key));
  if (duplicated.length > 0) errors.rest = `Set ${duplicated.join(', ')} with the fields above, not in the JSON.`;
  const peakMacsPerSecond: Record<string, number> = {};
  for (const precision of form.precisions) {
    const value = parseNumber(form.peaks[precision] ?? '', errors, `peak.${precision}`, `the peak MAC/s at ${precision}`);
    if (value !== undefined) peakMacsPerSecond[precision] = value;
  }
  const ramBytes = parseNumber(form.ramBytes, errors, 'ramBytes', 'the working memory in bytes');
  const bandwidth = parseNumber(form.bandwidthBytesPerSecond, errors, 'bandwidthBytesPerSecond', 'the memory bandwidth in bytes per second');
  const activeWatts = parseNumber(form.activeWatts, errors, 'activeWatts', 'the active power in watts');
  const idleWatts = parseNumber(form.idleWatts, errors, 'idleWatts', 'the idle power in watts');
  const sources = form.sources
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const bar = line.lastIndexOf('|');
      if (bar < 0) return { title: line };
      const url = line.slice(bar + 1).trim();
      return url ? { title: line.slice(0, bar).trim(), url } : { title: line.slice(0, bar).trim() };
    });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    definition: {
      ...rest,
      id: form.id.trim(),
      kind: form.kind,
      name: form.name,
      vendor: form.vendor,
      description: form.description,
      precisions: form.precisions,
      peakMacsPerSecond,
      memory: { ramBytes, bandwidthBytesPerSecond: bandwidth },
      power: { activeWatts, idleWatts },
      sources,
    },
  };
}

const DIRECT: Record<string, string> = {
  id: 'id',
  name: 'name',
  vendor: 'vendor',
  description: 'description',
  'memory.ramBytes': 'ramBytes',
  'memory.bandwidthBytesPerSecond': 'bandwidthBytesPerSecond',
  'power.activeWatts': 'activeWatts',
  'power.idleWatts': 'idleWatts',
};

/** The form field an issue of the definition belongs to (`rest` for kind-specific fields). */
export function fieldForIssuePath(path: string): string {
  const inside = path.replace(/^definition\./, '');
  if (DIRECT[inside]) return DIRECT[inside];
  if (inside.startsWith('peakMacsPerSecond.')) return `peak.${inside.split('.')[1]}`;
  for (const prefix of ['precisions', 'sources', 'memory', 'power']) {
    if (inside === prefix || inside.startsWith(`${prefix}.`)) return prefix === 'memory' ? 'ramBytes' : prefix === 'power' ? 'activeWatts' : prefix;
  }
  if (inside === '(target)' || inside === 'kind') return 'rest';
  return 'rest';
}

/** Issues grouped by form field; several issues of one field are joined. `rest` issues keep their path. */
export function placeIssues(issues: readonly FieldIssue[]): TargetFormErrors {
  const errors: TargetFormErrors = {};
  for (const issue of issues) {
    const field = fieldForIssuePath(issue.path);
    const message = field === 'rest' || field === 'sources' || field === 'precisions' ? `${issue.path}: ${issue.message}` : issue.message;
    errors[field] = errors[field] ? `${errors[field]}; ${message}` : message;
  }
  return errors;
}
