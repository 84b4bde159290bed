import { definePlugin, z } from '@edgepress/plugin-sdk';
import { constraintHint, fieldsFromSchema, initialValues, paramsFromValues, type ParamField } from './json-schema-form';

// The schema as a real plugin publishes it: the SDK's definePlugin turns zod into JSON Schema.
const plugin = definePlugin({
  name: 'form-probe',
  version: '1.0.0',
  kind: 'prune',
  description: 'probe',
  engines: '^1.0.0',
  params: z.object({
    ratio: z.number().min(0).max(0.95).default(0.25).describe('Fraction of channels removed'),
    scope: z.enum(['per-layer', 'global']).default('per-layer'),
    bits: z.union([z.literal(4), z.literal(8)]).default(8),
    perChannel: z.boolean().default(true),
    batches: z.number().int().min(1).max(64).default(4),
    minChannels: z.number().int().min(1).default(8),
    sparsity: z.number().gt(0).lt(1),
    layerRatios: z.record(z.string(), z.number().min(0).max(0.95)).default({}),
    include: z.array(z.string()).default([]),
    note: z.string().min(2).max(5).optional(),
    fixed: z.literal('v1').default('v1'),
  }),
  run: async () => undefined,
});

const fields = fieldsFromSchema(plugin.manifest.paramsSchema);
const field = (name: string): ParamField => fields.find((f) => f.name === name) as ParamField;

describe('fieldsFromSchema', () => {
  it('gives each parameter the control its schema calls for, in order', () => {
    expect(fields.map((f) => [f.name, f.kind])).toEqual([
      ['ratio', 'number'],
      ['scope', 'select'],
      ['bits', 'select'],
      ['perChannel', 'boolean'],
      ['batches', 'number'],
      ['minChannels', 'number'],
      ['sparsity', 'number'],
      ['layerRatios', 'record'],
      ['include', 'list'],
      ['note', 'string'],
      ['fixed', 'const'],
    ]);
    expect(field('ratio')).toMatchObject({ label: 'Ratio', description: 'Fraction of channels removed', minimum: 0, maximum: 0.95, defaultValue: 0.25, integer: false });
    expect(field('batches')).toMatchObject({ integer: true, minimum: 1, maximum: 64 });
    expect(field('minChannels')).not.toHaveProperty('maximum');
    expect(field('sparsity')).toMatchObject({ required: true, exclusiveMinimum: 0, exclusiveMaximum: 1 });
    expect(field('bits').kind === 'select' && field('bits')).toMatchObject({ options: [{ value: 4, label: '4' }, { value: 8, label: '8' }] });
  });

  it('writes the rules and defaults as help text', () => {
    expect(constraintHint(field('ratio'))).toBe('≥ 0, ≤ 0.95. Default 0.25.');
    expect(constraintHint(field('batches'))).toBe('whole number, ≥ 1, ≤ 64. Default 4.');
    expect(constraintHint(field('sparsity'))).toBe('> 0, < 1. Required.');
    expect(constraintHint(field('include'))).toBe('one value per line. Default none.');
  });

  it('returns no fields for a schema without properties', () => {
    expect(fieldsFromSchema({ type: 'object' })).toEqual([]);
    expect(fieldsFromSchema(null)).toEqual([]);
  });
});

describe('paramsFromValues', () => {
  it('starts from the defaults and sends only what differs from them', () => {
    const values = initialValues(fields);
    expect(values).toMatchObject({ ratio: '0.25', scope: '"per-layer"', bits: '8', perChannel: true, sparsity: '', include: '', layerRatios: '' });
    const { params, errors } = paramsFromValues(fields, { ...values, sparsity: '0.5', bits: '4', perChannel: false, include: 'conv1\nconv2', layerRatios: 'conv1 = 0.5' });
    expect(errors).toEqual({});
    expect(params).toEqual({ sparsity: 0.5, bits: 4, perChannel: false, include: ['conv1', 'conv2'], layerRatios: { conv1: 0.5 } });
  });

  it('names what is wrong with each field', () => {
    const values = { ...initialValues(fields), ratio: '1.5', batches: '2.5', sparsity: '', minChannels: 'many', note: 'x', layerRatios: 'conv1 = 2\n', include: '' };
    expect(paramsFromValues(fields, values).errors).toEqual({
      ratio: 'Must be at most 0.95',
      batches: 'Enter a whole number',
      sparsity: 'Required: enter a value',
      minChannels: 'Enter a whole number',
      note: 'Must be at least 2 characters',
      layerRatios: 'Line 1 (conv1): must be at most 0.95',
    });
    expect(paramsFromValues(fields, { ...initialValues(fields), sparsity: '1' }).errors).toEqual({ sparsity: 'Must be less than 1' });
    expect(paramsFromValues(fields, { ...initialValues(fields), sparsity: '0' }).errors).toEqual({ sparsity: 'Must be greater than 0' });
  });

  it('loads saved params back into the form', () => {
    const values = initialValues(fields, { ratio: 0.5, include: ['a', 'b'], layerRatios: { x: 0.1 }, scope: 'global' });
    expect(values).toMatchObject({ ratio: '0.5', include: 'a\nb', layerRatios: 'x = 0.1', scope: '"global"' });
    expect(paramsFromValues(fields, { ...values, sparsity: '0.3' }).params).toEqual({ ratio: 0.5, include: ['a', 'b'], layerRatios: { x: 0.1 }, scope: 'global', sparsity: 0.3 });
  });

  it('refuses prototype keys in maps', () => {
    expect(paramsFromValues(fields, { ...initialValues(fields), sparsity: '0.3', layerRatios: '__proto__ = 0.1' }).errors.layerRatios).toBe('Line 1: expected name = value');
  });
});

describe('lists of choices and groups of settings', () => {
  const quantize = definePlugin({
    name: 'group-probe',
    version: '1.0.0',
    kind: 'quantize',
    description: 'probe',
    engines: '^1.0.0',
    params: z.object({
      reduceRange: z.union([z.literal('auto'), z.boolean()]).default('auto'),
      opTypes: z.array(z.enum(['Conv', 'MatMul', 'Gemm'])).max(3).default(['Conv', 'MatMul']),
      mixed: z
        .object({
          enabled: z.boolean().default(false),
          fidelity: z.number().min(0).max(1).default(0.99),
          fallback: z.enum(['auto', 'fp32']).default('auto'),
        })
        .default({ enabled: false, fidelity: 0.99, fallback: 'auto' }),
    }),
    run: async () => undefined,
  });
  const groupFields = fieldsFromSchema(quantize.manifest.paramsSchema);

  it('makes a select of a literal-or-boolean union, checkboxes of an array of choices, a group of a nested object', () => {
    expect(groupFields.map((f) => f.kind)).toEqual(['select', 'multiselect', 'group']);
    expect(groupFields[0].kind === 'select' && groupFields[0].options.map((o) => o.value)).toEqual(['auto', true, false]);
    const group = groupFields[2];
    expect(group.kind === 'group' && group.fields.map((f) => [f.name, f.kind])).toEqual([
      ['enabled', 'boolean'],
      ['fidelity', 'number'],
      ['fallback', 'select'],
    ]);
  });

  it('sends a changed group whole and a changed choice list in the order chosen', () => {
    const values = initialValues(groupFields);
    expect(values).toEqual({ reduceRange: '"auto"', opTypes: '"Conv"\n"MatMul"', 'mixed.enabled': false, 'mixed.fidelity': '0.99', 'mixed.fallback': '"auto"' });
    expect(paramsFromValues(groupFields, values)).toEqual({ params: {}, errors: {} });
    const changed = paramsFromValues(groupFields, { ...values, reduceRange: 'false', opTypes: '"Gemm"\n"Conv"', 'mixed.enabled': true });
    expect(changed).toEqual({ params: { reduceRange: false, opTypes: ['Gemm', 'Conv'], mixed: { enabled: true, fidelity: 0.99, fallback: 'auto' } }, errors: {} });
    expect(paramsFromValues(groupFields, { ...values, 'mixed.fidelity': '2' }).errors).toEqual({ 'mixed.fidelity': 'Must be at most 1' });
    expect(initialValues(groupFields, { mixed: { enabled: true } })['mixed.enabled']).toBe(true);
  });
});
