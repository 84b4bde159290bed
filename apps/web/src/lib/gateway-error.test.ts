import { adviceFor, GatewayError, normaliseFieldPath, toGatewayError } from './gateway-error';
import { safeNextPath } from './safe-next';

describe('GatewayError', () => {
  it('reads the code, field and issues of a GraphQL error', () => {
    const error = GatewayError.fromGraphQL([
      { message: 'Invalid hardware target', extensions: { code: 'BAD_USER_INPUT', details: { field: 'input.spec.stages[2].params', issues: [{ path: 'memory.ramBytes', message: 'expected bytes' }, { bogus: 1 }] } } },
      { message: 'second' },
    ]);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.field).toBe('input.spec.stages.2.params');
    expect(error.issues).toEqual([{ path: 'memory.ramBytes', message: 'expected bytes' }]);
    expect(error.all).toHaveLength(2);
    expect(GatewayError.fromGraphQL([{ message: 'x' }]).code).toBe('INTERNAL');
    expect(normaliseFieldPath('a[0].b[12]')).toBe('a.0.b.12');
  });

  it('says what to do next for each code', () => {
    expect(adviceFor(new GatewayError('UNAUTHENTICATED', 'no')).href).toBe('/sign-in');
    expect(adviceFor(new GatewayError('RATE_LIMITED', 'slow', { retryAfterSeconds: 3 })).action).toContain('Retry in 3 s');
    expect(adviceFor(new GatewayError('UNAVAILABLE', 'down')).action).toContain('EDGEPRESS_GATEWAY_URL');
    expect(toGatewayError(new TypeError('fetch failed')).code).toBe('UNAVAILABLE');
  });
});

describe('safeNextPath', () => {
  it('keeps paths inside the console', () => {
    expect(safeNextPath('/runs/1?x=2')).toBe('/runs/1?x=2');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/runs\n', null, '']) expect(safeNextPath(bad)).toBe('/');
  });
});
