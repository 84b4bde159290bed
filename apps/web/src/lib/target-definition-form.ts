/**
 * The team-target editor's model: every field of a target definition as a form control, built
 * from the gateway's targetDefinitionSchema (JSON Schema, one branch per kind), so the form and
 * the gateway's validation (libs/targets) cannot drift. The gateway's BAD_USER_INPUT issues
 * (paths inside the definition) are placed on the control they name.
 * Tests: target-definition-form.test.ts.
 */
import { isRecord, type FieldIssue } from './gateway-error';
import { fieldKeyForPath, fieldsFromSchema, initialValues, paramsFromValues, type FormValues, type ParamField } from './json-schema-form';

/** The schema's branch for a kind (`properties.kind.const`). */
export function branchFor(schema: unknown, kind: string): Record<string, unknown> | null {
  if (!isRecord(schema)) return null;
  const branches = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : [];
  return (
    branches.filter(isRecord).find((branch) => isRecord(branch.properties) && isRecord(branch.properties.kind) && branch.properties.kind.const === kind) ?? null
  );
}

/** Identity first, then what makes this kind different, then the fields every kind shares. */
const FIRST = ['id', 'name', 'vendor', 'description', 'kind'];
const SHARED = ['precisions', 'peakMacsPerSecond', 'memory', 'power', 'fallback', 'sparsity', 'quantization', 'rooflineEfficiency', 'runtimeNotes', 'sources'];

function rank(name: string): number {
  if (FIRST.includes(name)) return FIRST.indexOf(name);
  if (SHARED.includes(name)) return 100 + SHARED.indexOf(name);
  return 50;
}

/** Labels with their units where the name alone does not say them. */
const LABELS: Record<string, string> = {
  id: 'Id',
  ramBytes: 'Working memory (bytes)',
  bandwidthBytesPerSecond: 'Bandwidth (bytes/s)',
  readBandwidthBytesPerSecond: 'Read bandwidth (bytes/s)',
  bytes: 'Size (bytes)',
  largestContiguousSramBytes: 'Largest contiguous SRAM block (bytes)',
  clockHz: 'Clock (Hz)',
  macsPerSecond: 'MAC/s',
  activeWatts: 'Active power (W)',
  idleWatts: 'Idle power (W)',
  peakMacsPerSecond: 'Peak MAC/s per accelerated precision',
  isaFeatures: 'ISA features',
  fpu: 'FPU',
  fp32ExecutedAs: 'fp32 layers run as',
  rooflineEfficiency: 'Roofline efficiency (optional)',
  sources: 'Sources (JSON: [{ "title": "[1] ...", "url": "https://..." }])',
};

function relabel(field: ParamField): ParamField {
  const label = LABELS[field.name] ?? (/^(fp|bf|int)\d+$|^binary$/.test(field.name) ? field.name : field.label);
  return field.kind === 'group' ? { ...field, label, fields: field.fields.map(relabel) } : { ...field, label };
}

export function targetFields(schema: unknown, kind: string): ParamField[] {
  const fields = fieldsFromSchema(branchFor(schema, kind)).map(relabel);
  return fields.map((field, index) => ({ field, index })).sort((a, b) => rank(a.field.name) - rank(b.field.name) || a.index - b.index).map(({ field }) => field);
}

export function valuesFromDefinition(fields: readonly ParamField[], definition: Record<string, unknown>): FormValues {
  return initialValues(fields, definition);
}

export type DefinitionResult = { ok: true; definition: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

/** The whole definition, every value included (a target has no "changed from default" notion). */
export function definitionFromValues(fields: readonly ParamField[], values: FormValues): DefinitionResult {
  const { params, errors } = paramsFromValues(fields, values, { keepDefaults: true });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, definition: params };
}

/**
 * Issues grouped by form control; several on one control are joined. A path deeper than its
 * control (`sources.0.url`, `isaFeatures.2`) keeps the rest of its path in the message.
 * Issues that name no control (the whole target) come back as `unplaced`.
 */
export function placeIssues(fields: readonly ParamField[], issues: readonly FieldIssue[]): { errors: Record<string, string>; unplaced: string[] } {
  const errors: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const issue of issues) {
    const path = issue.path.replace(/^definition\./, '');
    const key = fieldKeyForPath(fields, path);
    if (key === null) {
      unplaced.push(`${path}: ${issue.message}`);
      continue;
    }
    const message = key === path ? issue.message : `${path.slice(key.length + 1)}: ${issue.message}`;
    errors[key] = errors[key] ? `${errors[key]}; ${message}` : message;
  }
  return { errors, unplaced };
}
