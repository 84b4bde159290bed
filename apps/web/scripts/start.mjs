#!/usr/bin/env node
/**
 * `npm start -w @edgepress/web`: serves the built console with `next start`.
 *   PORT (default 3000), EDGEPRESS_WEB_HOST (default 127.0.0.1), EDGEPRESS_GATEWAY_URL (required
 *   for a working console), EDGEPRESS_GATEWAY_WS_URL (optional, see src/server/gateway-config.ts).
 * Refuses to start from a missing or stale build (run `npm run build:if-stale -w @edgepress/web`).
 * Signals are passed on, so stopping this process stops the server.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildState } from './build-state.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const state = buildState();
if (!state.upToDate && process.env.EDGEPRESS_WEB_ALLOW_STALE !== '1') {
  process.stderr.write(`web: the build is ${state.reason}; run npm run build:if-stale -w @edgepress/web first\n`);
  process.exit(1);
}
const port = process.env.PORT || '3000';
const host = process.env.EDGEPRESS_WEB_HOST || '127.0.0.1';
const child = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-H', host, '-p', port], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
