import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { addressListSetting, integerSetting, invalidSetting } from './index';

function thrown(read: () => unknown): EdgepressError {
  try {
    read();
  } catch (error) {
    if (error instanceof EdgepressError) return error;
    throw error;
  }
  throw new Error('expected the read to throw');
}

describe('invalidSetting', () => {
  it('is BAD_USER_INPUT naming the variable, what was expected and what arrived', () => {
    const error = invalidSetting('GATEWAY_LOG_LEVEL', 'debug, info, warn or error', 'loud');
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.message).toBe('Expected debug, info, warn or error for GATEWAY_LOG_LEVEL but received "loud"');
    expect(error.details).toEqual({ argument: 'GATEWAY_LOG_LEVEL' });
  });

  it('quotes the value and cuts it to 100 characters', () => {
    expect(invalidSetting('X', 'on or off', 'a"b').message).toBe('Expected on or off for X but received "a\\"b"');
    expect(invalidSetting('X', 'on or off', 'y'.repeat(500)).message).toBe(`Expected on or off for X but received "${'y'.repeat(100)}"`);
  });
});

describe('integerSetting', () => {
  it('reads decimal integers from min to max inclusive', () => {
    expect(integerSetting({ PORT: '0' }, 'PORT', 0, 65535)).toBe(0);
    expect(integerSetting({ PORT: '65535' }, 'PORT', 0, 65535)).toBe(65535);
    expect(integerSetting({ PORT: '0080' }, 'PORT', 0, 65535)).toBe(80);
    expect(integerSetting({ BYTES: String(Number.MAX_SAFE_INTEGER) }, 'BYTES', 1, Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('leaves an unset or empty variable to the default', () => {
    expect(integerSetting({}, 'PORT', 0, 65535)).toBeUndefined();
    expect(integerSetting({ PORT: '' }, 'PORT', 0, 65535)).toBeUndefined();
  });

  it.each(['-1', '70000', '1.5', '1e3', ' 80', '0x50', 'eighty'])('refuses %j naming the variable and the range', (raw) => {
    const error = thrown(() => integerSetting({ PORT: raw }, 'PORT', 0, 65535));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.details).toEqual({ argument: 'PORT' });
    expect(error.message).toBe(`Expected an integer between 0 and 65535 for PORT but received ${JSON.stringify(raw)}`);
  });

  it('refuses integers beyond what a double holds exactly', () => {
    const error = thrown(() => integerSetting({ BYTES: '9007199254740993' }, 'BYTES', 1, Number.MAX_SAFE_INTEGER));
    expect(error.message).toBe(`Expected an integer between 1 and ${Number.MAX_SAFE_INTEGER} for BYTES but received "9007199254740993"`);
  });
});

describe('addressListSetting', () => {
  it('reads host names, IPv4 and bracketed IPv6 addresses with ports, trimmed', () => {
    expect(addressListSetting({ KERNELS: 'k1:7400, 10.0.0.2:7401 ,[::1]:7402,kernels.example.com:50051' }, 'KERNELS')).toEqual([
      'k1:7400',
      '10.0.0.2:7401',
      '[::1]:7402',
      'kernels.example.com:50051',
    ]);
  });

  it('drops blank entries and leaves a list without addresses to the default', () => {
    expect(addressListSetting({ KERNELS: 'k1:7400,' }, 'KERNELS')).toEqual(['k1:7400']);
    expect(addressListSetting({}, 'KERNELS')).toBeUndefined();
    expect(addressListSetting({ KERNELS: '' }, 'KERNELS')).toBeUndefined();
    expect(addressListSetting({ KERNELS: ' , ' }, 'KERNELS')).toBeUndefined();
  });

  it.each(['nohost', 'k1:', ':7400', 'k1:123456', '::1:7400', 'k_1:7400', 'k1:7400/x'])('refuses %j naming the variable and the entry', (wrong) => {
    const error = thrown(() => addressListSetting({ KERNELS: `k1:7400,${wrong}` }, 'KERNELS'));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.details).toEqual({ argument: 'KERNELS' });
    expect(error.message).toBe(`Expected host:port addresses separated by commas for KERNELS but received ${JSON.stringify(wrong)}`);
  });
});
