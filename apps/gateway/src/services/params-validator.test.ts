import { z } from '@edgepress/plugin-sdk';
import { ParamsValidator } from './params-validator';

// The JSON Schema the plugin SDK exports for a plugin's zod params (definePlugin does the same).
const schema = z.toJSONSchema(
  z.object({
    bits: z.number().int().min(2).max(8).default(8),
    scheme: z.enum(['symmetric', 'asymmetric']).default('symmetric'),
    excludeOps: z.array(z.string()).default([]),
    block: z.object({ size: z.number().int().positive() }).optional(),
  }),
  { io: 'input' },
) as Record<string, unknown>;

describe('ParamsValidator', () => {
  const validator = new ParamsValidator();
  const validate = (params: Record<string, unknown>) => validator.validate('v1', schema, params, 'stage 1 (q@1.0.0)', 'spec.stages[0].params');

  it('fills in defaults without changing the caller\'s object', () => {
    const params = { bits: 4 };
    expect(validate(params)).toEqual({ bits: 4, scheme: 'symmetric', excludeOps: [] });
    expect(params).toEqual({ bits: 4 });
  });

  it('names every bad parameter, nested ones by path, and unknown names', () => {
    expect(() => validate({ bits: 9, scheme: 'odd', block: { size: -1 }, bitz: 4 })).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        message: expect.stringMatching(/^Invalid params for stage 1 \(q@1\.0\.0\): bitz is not a parameter.*bits must be <= 8.*scheme must be equal to one of the allowed values \("symmetric", "asymmetric"\).*block\.size must be > 0/),
        details: expect.objectContaining({ field: 'spec.stages[0].params' }),
      }),
    );
    expect(() => validate({ bits: 2.5 })).toThrow(/bits must be integer/);
    expect(() => validate({ excludeOps: 'Conv' })).toThrow(/excludeOps must be array/);
  });

  it('reports a schema that cannot compile as the plugin\'s fault', () => {
    expect(() => validator.validate('broken', { type: 'object', properties: { x: { type: 'no-such-type' } } }, {}, 'stage 1', 'p')).toThrow(
      expect.objectContaining({ code: 'PLUGIN_FAILED' }),
    );
  });
});
