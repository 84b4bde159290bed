/**
 * Parameter forms from a plugin's params JSON Schema (draft 2020-12, as the plugin SDK exports it
 * from zod): which control each parameter gets, its help text, its starting value, and the params
 * object a filled-in form stands for, with a message per field when a value breaks the schema.
 * The gateway validates again (Ajv) on submit; this is for telling people early and precisely.
 * Tests: json-schema-form.test.ts (against schemas of real plugins built with the SDK).
 */
import { isRecord } from './gateway-error';
import { humanize } from './format';

interface Base {
  name: string;
  label: string;
  description: string | null;
  required: boolean;
  /** null is a value of its own (left empty, the field means null). */
  nullable: boolean;
  /** undefined when the schema has no default. */
  defaultValue: unknown;
}

export interface NumberRules {
  integer: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

export interface Choice {
  /** JSON of the value: what a select or checkbox holds. */
  key: string;
  value: unknown;
  label: string;
}

export type ParamField =
  | (Base & { kind: 'select'; options: Choice[] })
  | (Base & { kind: 'multiselect'; options: Choice[]; minItems?: number; maxItems?: number })
  | (Base & { kind: 'group'; fields: ParamField[] })
  | (Base & { kind: 'boolean' })
  | (Base & { kind: 'number' } & NumberRules)
  | (Base & { kind: 'string'; minLength?: number; maxLength?: number; pattern?: string })
  | (Base & { kind: 'list'; item: { kind: 'string' } | ({ kind: 'number' } & NumberRules); minItems?: number; maxItems?: number })
  | (Base & { kind: 'record'; value: { kind: 'string' } | ({ kind: 'number' } & NumberRules) })
  | (Base & { kind: 'const'; value: unknown })
  | (Base & { kind: 'json' });

/** What a control holds: text for most, a flag for checkboxes. */
export type FormValue = string | boolean;
export type FormValues = Record<string, FormValue>;

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** `anyOf: [X, {type: 'null'}]` (nullable) is X, optional. */
function unwrapNullable(schema: Record<string, unknown>): Record<string, unknown> {
  const variants = Array.isArray(schema.anyOf) ? schema.anyOf.filter(isRecord) : [];
  const nonNull = variants.filter((variant) => variant.type !== 'null');
  if (variants.length === 2 && nonNull.length === 1) return { ...nonNull[0], description: schema.description ?? nonNull[0].description, default: schema.default ?? nonNull[0].default };
  return schema;
}

function numberRules(schema: Record<string, unknown>): NumberRules {
  const rules: NumberRules = { integer: schema.type === 'integer' };
  const minimum = num(schema.minimum);
  const maximum = num(schema.maximum);
  if (minimum !== undefined && minimum > Number.MIN_SAFE_INTEGER) rules.minimum = minimum;
  if (maximum !== undefined && maximum < Number.MAX_SAFE_INTEGER) rules.maximum = maximum;
  if (num(schema.exclusiveMinimum) !== undefined) rules.exclusiveMinimum = num(schema.exclusiveMinimum);
  if (num(schema.exclusiveMaximum) !== undefined) rules.exclusiveMaximum = num(schema.exclusiveMaximum);
  return rules;
}

/** The values a schema allows when it lists them: enum, const, or anyOf/oneOf of those and booleans. */
function choiceValues(schema: Record<string, unknown>): unknown[] | null {
  if (Array.isArray(schema.enum)) return schema.enum;
  if ('const' in schema) return [schema.const];
  const variants = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : null;
  if (!variants || variants.length === 0) return null;
  const values: unknown[] = [];
  for (const variant of variants) {
    if (!isRecord(variant)) return null;
    if (variant.type === 'boolean' && !('const' in variant)) values.push(true, false);
    else {
      const inner = choiceValues(variant);
      if (!inner) return null;
      values.push(...inner);
    }
  }
  return values;
}

const toChoices = (values: readonly unknown[]): Choice[] => values.map((value) => ({ key: JSON.stringify(value), value, label: value === null ? 'none' : String(value) }));

function fieldFor(name: string, raw: Record<string, unknown>, required: boolean, depth: number): ParamField {
  const schema = unwrapNullable(raw);
  const base: Base = {
    name,
    label: typeof schema.title === 'string' ? schema.title : humanize(name),
    description: typeof schema.description === 'string' ? schema.description : null,
    required,
    nullable: schema !== raw,
    defaultValue: schema.default,
  };
  if ('const' in schema && !Array.isArray(schema.enum)) return { ...base, kind: 'const', value: schema.const };
  const choices = choiceValues(schema);
  if (choices) return { ...base, kind: 'select', options: toChoices(base.nullable ? [...choices, null] : choices) };
  switch (schema.type) {
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'number':
    case 'integer':
      return { ...base, kind: 'number', ...numberRules(schema) };
    case 'string':
      return { ...base, kind: 'string', minLength: num(schema.minLength), maxLength: num(schema.maxLength), pattern: typeof schema.pattern === 'string' ? schema.pattern : undefined };
    case 'array': {
      const items = isRecord(schema.items) ? schema.items : null;
      const itemChoices = items ? choiceValues(items) : null;
      if (itemChoices) return { ...base, kind: 'multiselect', options: toChoices(itemChoices), minItems: num(schema.minItems), maxItems: num(schema.maxItems) };
      const item = items?.type === 'string' ? ({ kind: 'string' } as const) : items?.type === 'number' || items?.type === 'integer' ? { kind: 'number' as const, ...numberRules(items) } : null;
      if (item) return { ...base, kind: 'list', item, minItems: num(schema.minItems), maxItems: num(schema.maxItems) };
      return { ...base, kind: 'json' };
    }
    case 'object': {
      const values = isRecord(schema.additionalProperties) ? schema.additionalProperties : null;
      const hasOwnProperties = isRecord(schema.properties) && Object.keys(schema.properties).length > 0;
      // One level of nesting becomes a group of fields; deeper objects stay JSON.
      if (hasOwnProperties && depth === 0) return { ...base, kind: 'group', fields: fieldsFromSchema(schema, 1) };
      if (!hasOwnProperties && values?.type === 'string') return { ...base, kind: 'record', value: { kind: 'string' } };
      if (!hasOwnProperties && (values?.type === 'number' || values?.type === 'integer')) return { ...base, kind: 'record', value: { kind: 'number', ...numberRules(values) } };
      return { ...base, kind: 'json' };
    }
    default:
      return { ...base, kind: 'json' };
  }
}

/** The fields of an object schema, in the schema's order. */
export function fieldsFromSchema(schema: unknown, depth = 0): ParamField[] {
  if (!isRecord(schema) || !isRecord(schema.properties)) return [];
  const required = Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string') : [];
  return Object.entries(schema.properties)
    .filter((entry): entry is [string, Record<string, unknown>] => isRecord(entry[1]))
    .map(([name, property]) => fieldFor(name, property, required.includes(name), depth));
}

function rangeText(rules: NumberRules): string | null {
  const low = rules.minimum !== undefined ? `≥ ${rules.minimum}` : rules.exclusiveMinimum !== undefined ? `> ${rules.exclusiveMinimum}` : null;
  const high = rules.maximum !== undefined ? `≤ ${rules.maximum}` : rules.exclusiveMaximum !== undefined ? `< ${rules.exclusiveMaximum}` : null;
  const parts = [rules.integer ? 'whole number' : null, low, high].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : null;
}

/** The constraint and default part of the help text ("whole number, ≥ 1, ≤ 64. Default 4."). */
export function constraintHint(field: ParamField): string {
  const parts: string[] = [];
  if (field.kind === 'number') parts.push(rangeText(field) ?? '');
  if (field.kind === 'string' && (field.minLength !== undefined || field.maxLength !== undefined)) parts.push(`${field.minLength ?? 0} to ${field.maxLength ?? '∞'} characters`);
  if (field.kind === 'list') parts.push(`one ${field.item.kind === 'number' ? (rangeText(field.item) ?? 'number') : 'value'} per line`);
  if (field.kind === 'record') parts.push(`one "name = ${field.value.kind === 'number' ? (rangeText(field.value) ?? 'number') : 'value'}" per line`);
  if (field.kind === 'json') parts.push('JSON');
  if (field.kind === 'multiselect') parts.push(field.maxItems !== undefined && field.maxItems < field.options.length ? `at most ${field.maxItems}` : 'any of them');
  if (field.kind === 'group') return '';
  const text = parts.filter(Boolean).join('; ');
  const required = field.required && field.kind !== 'boolean' && field.kind !== 'const';
  const withDefault = field.defaultValue === undefined ? (required ? `${text ? `${text}. ` : ''}Required` : text) : `${text ? `${text}. ` : ''}Default ${formatDefault(field.defaultValue)}`;
  return withDefault ? `${withDefault}.` : '';
}

function formatDefault(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(', ');
  if (isRecord(value)) return Object.keys(value).length === 0 ? 'none' : JSON.stringify(value);
  return String(value);
}

function toFormValue(field: ParamField, value: unknown): FormValue {
  switch (field.kind) {
    case 'boolean':
      return value === true;
    case 'select':
      return value === undefined ? '' : JSON.stringify(value);
    case 'multiselect':
      return Array.isArray(value) ? value.map((item) => JSON.stringify(item)).join('\n') : '';
    case 'list':
      return Array.isArray(value) ? value.map(String).join('\n') : '';
    case 'record':
      return isRecord(value) ? Object.entries(value).map(([key, v]) => `${key} = ${String(v)}`).join('\n') : '';
    case 'json':
      return value === undefined ? '' : JSON.stringify(value, null, 2);
    case 'const':
    case 'group':
      return '';
    default:
      return value === undefined || value === null ? '' : String(value);
  }
}

/** The default a group's child starts from: the group's own default object first, then the child's. */
function childDefault(group: ParamField, child: ParamField): unknown {
  return isRecord(group.defaultValue) && child.name in group.defaultValue ? group.defaultValue[child.name] : child.defaultValue;
}

/** Starting values: the given params where present, the schema's defaults elsewhere (group children as `group.child`). */
export function initialValues(fields: readonly ParamField[], params: Record<string, unknown> = {}): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    if (field.kind === 'group') {
      const given = isRecord(params[field.name]) ? (params[field.name] as Record<string, unknown>) : {};
      for (const child of field.fields) values[`${field.name}.${child.name}`] = toFormValue(child, child.name in given ? given[child.name] : childDefault(field, child));
    } else {
      values[field.name] = toFormValue(field, field.name in params ? params[field.name] : field.defaultValue);
    }
  }
  return values;
}

function checkNumber(text: string, rules: NumberRules): { value?: number; error?: string } {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) return { error: rules.integer ? 'Enter a whole number' : 'Enter a number' };
  if (rules.integer && !Number.isInteger(value)) return { error: 'Enter a whole number' };
  if (rules.minimum !== undefined && value < rules.minimum) return { error: `Must be at least ${rules.minimum}` };
  if (rules.maximum !== undefined && value > rules.maximum) return { error: `Must be at most ${rules.maximum}` };
  if (rules.exclusiveMinimum !== undefined && value <= rules.exclusiveMinimum) return { error: `Must be greater than ${rules.exclusiveMinimum}` };
  if (rules.exclusiveMaximum !== undefined && value >= rules.exclusiveMaximum) return { error: `Must be less than ${rules.exclusiveMaximum}` };
  return { value };
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** One field's value, or an error; `undefined` value means "leave it out". */
function parseField(field: Exclude<ParamField, { kind: 'group' }>, raw: FormValue | undefined): { value?: unknown; error?: string } {
  if (field.kind === 'const') return { value: field.value };
  if (field.kind === 'boolean') return { value: raw === true };
  const text = typeof raw === 'string' ? raw : '';
  if (text.trim() === '' && field.kind !== 'list' && field.kind !== 'record' && field.kind !== 'multiselect') {
    if (field.nullable) return { value: null };
    return field.required && field.defaultValue === undefined ? { error: `Required: ${field.kind === 'select' ? 'choose a value' : 'enter a value'}` } : {};
  }
  switch (field.kind) {
    case 'select': {
      const option = field.options.find((candidate) => candidate.key === text);
      return option ? { value: option.value } : { error: `Choose one of ${field.options.map((o) => o.label).join(', ')}` };
    }
    case 'multiselect': {
      // In the order chosen (a list such as precisions keeps its order through an edit).
      const byKey = new Map(field.options.map((option) => [option.key, option.value]));
      const items = [...new Set(lines(text))].filter((key) => byKey.has(key)).map((key) => byKey.get(key));
      if (field.minItems !== undefined && items.length < field.minItems) return { error: `Choose at least ${field.minItems}` };
      if (field.maxItems !== undefined && items.length > field.maxItems) return { error: `Choose at most ${field.maxItems}` };
      return { value: items };
    }
    case 'number':
      return checkNumber(text, field);
    case 'string': {
      if (field.minLength !== undefined && text.length < field.minLength) return { error: `Must be at least ${field.minLength} characters` };
      if (field.maxLength !== undefined && text.length > field.maxLength) return { error: `Must be at most ${field.maxLength} characters` };
      if (field.pattern !== undefined && !new RegExp(field.pattern, 'u').test(text)) return { error: `Must match the pattern ${field.pattern}` };
      return { value: text };
    }
    case 'list': {
      const items: unknown[] = [];
      for (const [index, line] of lines(text).entries()) {
        if (field.item.kind === 'string') items.push(line);
        else {
          const checked = checkNumber(line, field.item);
          if (checked.error) return { error: `Line ${index + 1}: ${checked.error.toLowerCase()}` };
          items.push(checked.value);
        }
      }
      if (field.minItems !== undefined && items.length < field.minItems) return { error: `Enter at least ${field.minItems} value${field.minItems === 1 ? '' : 's'}` };
      if (field.maxItems !== undefined && items.length > field.maxItems) return { error: `Enter at most ${field.maxItems} values` };
      return { value: items };
    }
    case 'record': {
      const record: Record<string, unknown> = {};
      for (const [index, line] of lines(text).entries()) {
        const eq = line.indexOf('=');
        const key = eq > 0 ? line.slice(0, eq).trim() : '';
        if (!key || key === '__proto__') return { error: `Line ${index + 1}: expected name = value` };
        const valueText = line.slice(eq + 1).trim();
        if (field.value.kind === 'string') record[key] = valueText;
        else {
          const checked = checkNumber(valueText, field.value);
          if (checked.error) return { error: `Line ${index + 1} (${key}): ${checked.error.toLowerCase()}` };
          record[key] = checked.value;
        }
      }
      return { value: record };
    }
    case 'json':
      try {
        return { value: JSON.parse(text) as unknown };
      } catch (error) {
        return { error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
      }
  }
}

export interface ParamsResult {
  params: Record<string, unknown>;
  /** By field name (`group.child` inside a group). */
  errors: Record<string, string>;
}

/** Equal as JSON values, whatever the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameJson(a[key], b[key]));
  }
  return a === b;
}

/**
 * The params a form stands for. Values equal to the schema's default are left out (the gateway
 * fills defaults in), so a stage records only what someone chose; a group that differs from its
 * default is sent whole.
 */
export function paramsFromValues(fields: readonly ParamField[], values: FormValues, options: { keepDefaults?: boolean } = {}): ParamsResult {
  const keep = options.keepDefaults === true;
  const params: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    if (field.kind === 'group') {
      const children = field.fields.filter((child): child is Exclude<ParamField, { kind: 'group' }> => child.kind !== 'group');
      // An optional group left entirely empty is left out, not checked child by child.
      const empty = children.every((child) => child.kind !== 'boolean' && child.kind !== 'const' && String(values[`${field.name}.${child.name}`] ?? '').trim() === '');
      if (empty && field.nullable) {
        if (keep || field.defaultValue !== null) params[field.name] = null;
        continue;
      }
      if (empty && !field.required) continue;
      const group: Record<string, unknown> = {};
      let changed = false;
      for (const child of children) {
        const { value, error } = parseField(child, values[`${field.name}.${child.name}`]);
        if (error) errors[`${field.name}.${child.name}`] = error;
        else if (value !== undefined) {
          group[child.name] = value;
          if (!sameJson(value, childDefault(field, child))) changed = true;
        }
      }
      if (changed || keep) params[field.name] = group;
      continue;
    }
    const { value, error } = parseField(field, values[field.name]);
    if (error) errors[field.name] = error;
    else if (value !== undefined && (keep || (field.kind !== 'const' && !sameJson(value, field.defaultValue)))) params[field.name] = value;
  }
  return { params, errors };
}

/** The form key an issue path belongs to: `group.child` when that is a field, else the top-level field. */
export function fieldKeyForPath(fields: readonly ParamField[], path: string): string | null {
  const [first, second] = path.split('.');
  const field = fields.find((candidate) => candidate.name === first);
  if (!field) return null;
  if (field.kind === 'group' && second !== undefined && field.fields.some((child) => child.name === second)) return `${first}.${second}`;
  return first;
}
