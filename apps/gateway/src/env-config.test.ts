import { readGatewayEnvironment } from './env-config';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/edgepress' };

describe('readGatewayEnvironment', () => {
  it('applies defaults', () => {
    expect(readGatewayEnvironment(base)).toMatchObject({
      host: '127.0.0.1',
      port: 4000,
      blobs: { kind: 'folder', root: '.edgepress/blobs' },
      introspection: undefined,
      rateLimitPerSecond: 50,
      limits: {},
      logLevel: 'info',
    });
  });

  it('reads every setting', () => {
    const env = readGatewayEnvironment({
      ...base,
      EDGEPRESS_BLOBS: 'postgres',
      GATEWAY_PORT: '0',
      GATEWAY_INTROSPECTION: 'false',
      GATEWAY_MAX_DEPTH: '9',
      GATEWAY_RATE_LIMIT: 'off',
      EDGEPRESS_GATEWAY_SECRET: 'x'.repeat(32),
    });
    expect(env).toMatchObject({ blobs: { kind: 'postgres' }, port: 0, introspection: false, limits: { maxDepth: 9 }, rateLimitPerSecond: null, signingSecret: 'x'.repeat(32) });
  });

  it('names the variable of a bad value', () => {
    expect(() => readGatewayEnvironment({})).toThrow(/DATABASE_URL/);
    expect(() => readGatewayEnvironment({ ...base, GATEWAY_PORT: '70000' })).toThrow(/integer between 0 and 65535 for GATEWAY_PORT but received "70000"/);
    expect(() => readGatewayEnvironment({ ...base, GATEWAY_MAX_COST: '-1' })).toThrow(/GATEWAY_MAX_COST/);
    expect(() => readGatewayEnvironment({ ...base, EDGEPRESS_GATEWAY_SECRET: 'short' })).toThrow(/EDGEPRESS_GATEWAY_SECRET/);
    expect(() => readGatewayEnvironment({ ...base, GATEWAY_INTROSPECTION: 'yes' })).toThrow(/true or false/);
  });
});
