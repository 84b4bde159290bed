import { ErrorCode } from '@edgepress/errors';
import { parseStageResult } from './stage-result';

describe('parseStageResult', () => {
  it('accepts nothing, a summary of scalars and a list of notes', () => {
    expect(parseStageResult(undefined, 'p@1')).toBeUndefined();
    expect(parseStageResult('{"summary":{"sparsity":0.5,"scheme":"per-channel","ok":true},"notes":["a"]}', 'p@1')).toEqual({
      summary: { sparsity: 0.5, scheme: 'per-channel', ok: true },
      notes: ['a'],
    });
    expect(parseStageResult('{}', 'p@1')).toEqual({});
  });

  it.each([
    ['"text"', /it returned string/],
    ['[1]', /it returned an array/],
    ['{"summary":{"nested":{"a":1}}}', /summary\.nested is not a number, string or boolean/],
    ['{"summary":{"nan":null}}', /summary\.nan is not/],
    ['{"notes":[1]}', /notes is not a list of at most 256 strings/],
    ['{"model":"bytes"}', /unexpected key "model"/],
  ])('refuses %s', (json, message) => {
    expect(() => parseStageResult(json, 'p@1')).toThrow(expect.objectContaining({ code: ErrorCode.PLUGIN_FAILED, message: expect.stringMatching(message) }));
  });

  it('keeps a __proto__ key as data, without touching prototypes', () => {
    const result = parseStageResult('{"summary":{"__proto__":"x"}}', 'p@1');
    expect(Object.getOwnPropertyDescriptor(result?.summary, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(result?.summary)).toBe(Object.prototype);
  });
});
