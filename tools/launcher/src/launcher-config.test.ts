import path from 'node:path';
import { readLauncherConfig } from './launcher-config';

describe('readLauncherConfig', () => {
  const root = '/repo';

  it('defaults to everything on this machine under <repo>/.edgepress', () => {
    expect(readLauncherConfig({}, root)).toEqual({
      repoRoot: root,
      home: path.join(root, '.edgepress'),
      externalDatabaseUrl: null,
      blobs: path.join(root, '.edgepress', 'blobs'),
      kernels: null,
      workers: 1,
      gatewayHost: '127.0.0.1',
      gatewayPort: 4000,
      console: { port: 3000 },
    });
  });

  it('takes an external database, shared blobs, running kernel servers and more workers', () => {
    const config = readLauncherConfig(
      { DATABASE_URL: 'postgres://u:p@db:5432/e', EDGEPRESS_BLOBS: 'postgres', EDGEPRESS_KERNELS: 'k1:7400, [::1]:7401', EDGEPRESS_WORKERS: '3', EDGEPRESS_HOME: '/data/ep', EDGEPRESS_CONSOLE: 'off', GATEWAY_PORT: '0' },
      root,
    );
    expect(config).toMatchObject({ home: '/data/ep', externalDatabaseUrl: 'postgres://u:p@db:5432/e', blobs: 'postgres', kernels: ['k1:7400', '[::1]:7401'], workers: 3, gatewayPort: 0, console: null });
  });

  it('names the variable of a bad setting (and never echoes a database URL)', () => {
    expect(() => readLauncherConfig({ DATABASE_URL: 'mysql://secret@x' }, root)).toThrow(/postgres:\/\/ URL for DATABASE_URL but received "\(hidden\)"/);
    expect(() => readLauncherConfig({ EDGEPRESS_KERNELS: 'k1:7400,nohost' }, root)).toThrow(/EDGEPRESS_KERNELS but received "nohost"/);
    expect(() => readLauncherConfig({ EDGEPRESS_WORKERS: '0' }, root)).toThrow(/between 1 and 64 for EDGEPRESS_WORKERS/);
    expect(() => readLauncherConfig({ GATEWAY_PORT: '70000' }, root)).toThrow(/GATEWAY_PORT/);
    expect(() => readLauncherConfig({ EDGEPRESS_CONSOLE: 'maybe' }, root)).toThrow(/on or off for EDGEPRESS_CONSOLE/);
    expect(() => readLauncherConfig({ CONSOLE_PORT: '0' }, root)).toThrow(/CONSOLE_PORT/);
  });
});
