import { EdgepressError } from '@edgepress/errors';
import { parseStageOption } from './stage-option';

function usage(value: string): EdgepressError {
  try {
    parseStageOption(value);
  } catch (error) {
    return error as EdgepressError;
  }
  throw new Error(`parseStageOption accepted ${value}`);
}

describe('parseStageOption', () => {
  it('reads a bare plugin name with no params', () => {
    expect(parseStageOption('prune-channels')).toEqual({ plugin: 'prune-channels', params: {} });
    expect(parseStageOption('prune-channels:')).toEqual({ plugin: 'prune-channels', params: {} });
  });

  it('types values the way a JSON Schema expects them (no coercion happens on the server)', () => {
    expect(parseStageOption('quantize-int8:mode=static,perChannel=true,reduceRange=false,ratio=0.25,bits=8,offset=-1.5e-3,x=null,method=entropy')).toEqual({
      plugin: 'quantize-int8',
      params: { mode: 'static', perChannel: true, reduceRange: false, ratio: 0.25, bits: 8, offset: -0.0015, x: null, method: 'entropy' },
    });
  });

  it('keeps commas inside JSON lists, objects and quoted strings', () => {
    expect(parseStageOption('quantize-int8:exclude=["Conv_0","Conv_1"],weights={"a":1,"b":[2,3]},note="x, y",n="8"')).toEqual({
      plugin: 'quantize-int8',
      params: { exclude: ['Conv_0', 'Conv_1'], weights: { a: 1, b: [2, 3] }, note: 'x, y', n: '8' },
    });
  });

  it('refuses malformed stages with a usage error naming the problem', () => {
    expect(usage('Quantize').message).toMatch(/plugin name/);
    expect(usage('quantize-int8:mode').message).toMatch(/key=value/);
    expect(usage('quantize-int8:=3').message).toMatch(/key=value/);
    expect(usage('quantize-int8:a=1,a=2').message).toMatch(/a is given twice/);
    expect(usage('quantize-int8:a=[1,2').message).toMatch(/Unbalanced/);
    expect(usage('quantize-int8:a=1]').message).toMatch(/Unbalanced/);
    expect(usage('quantize-int8:a="x').message).toMatch(/Unbalanced/);
    expect(usage('quantize-int8:a=[1,,2]').message).toMatch(/Expected JSON for a/);
    expect(usage(`x:${'a=1,'.repeat(3000)}`).message).toMatch(/longer than/);
    expect(usage('Q').code).toBe('BAD_USER_INPUT');
  });

  it('never treats __proto__ as a way into the params prototype', () => {
    expect(usage('x:__proto__=1').message).toMatch(/reserved/);
    expect(usage('x:constructor=1').message).toMatch(/reserved/);
  });
});
