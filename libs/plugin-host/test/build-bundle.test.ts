/** Building bundles: esbuild into one script, manifest extracted inside the sandbox. */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ErrorCode } from '@edgepress/errors';
import { computeBundleHash } from '../src/bundle/plugin-bundle';
import {
  buildPluginBundle,
  inspectPluginBundle,
  parsePluginBundle,
  readPluginBundleFile,
  runPluginStage,
  serializePluginBundle,
  verifyPluginBundle,
  writePluginBundleFile,
} from '../src/index';
import { CPU_TARGET, expectStageError, fixture, inMemoryModel, scaleWeightsBundle } from './helpers';

jest.mock('node:child_process', () => {
  const actual = jest.requireActual<typeof import('node:child_process')>('node:child_process');
  return { ...actual, spawn: jest.fn(actual.spawn) };
});

jest.setTimeout(60_000);

describe('buildPluginBundle', () => {
  it('bundles the plugin with the SDK, zod and semver into one script and extracts the manifest in a sandbox', async () => {
    const bundle = await scaleWeightsBundle();
    expect(bundle.manifest).toMatchObject({ name: 'scale-weights', version: '1.2.0', kind: 'transform', engines: '^1.0.0', sdkVersion: '1.0.0' });
    // The JSON Schema comes from z.toJSONSchema, run by the bundled zod inside the isolate.
    expect(bundle.manifest.paramsSchema).toMatchObject({
      type: 'object',
      properties: { factor: { type: 'number', default: 2, description: 'Multiplier', exclusiveMinimum: 0 }, weight: { type: 'string', default: 'w' } },
    });
    expect(bundle.sha256).toBe(computeBundleHash(bundle.manifest, bundle.code));
    expect(bundle.code).not.toMatch(/require\(["']|from ["']node:/);
    expect(bundle.signatures).toEqual([]);
  });

  it.each([
    ['imports-fs.plugin.ts', /imports the Node built-in "node:fs", but plugins run in a sandbox without Node APIs/],
    ['imports-child-process.plugin.ts', /imports the Node built-in "child_process"/],
  ])('refuses %s at build time with a clear message', async (file, message) => {
    await expectStageError(buildPluginBundle(fixture(file)), ErrorCode.BAD_USER_INPUT, message);
  });

  it('names a module without a default export', async () => {
    await expectStageError(buildPluginBundle(fixture('no-default.plugin.ts')), ErrorCode.BAD_USER_INPUT, /Cannot bundle the plugin no-default\.plugin\.ts: .*"default"/);
  });

  it('refuses a default export that did not come from definePlugin', async () => {
    await expectStageError(
      buildPluginBundle(fixture('not-a-plugin.plugin.ts')),
      ErrorCode.PLUGIN_FAILED,
      /failed to load: .*expected the default export of the plugin module to be the result of definePlugin/,
    );
  });

  it('runs module code only in the sandbox, under its CPU limit', async () => {
    await expectStageError(buildPluginBundle(fixture('loop-at-load.plugin.ts'), { limits: { cpuTimeMs: 300 } }), ErrorCode.DEADLINE_EXCEEDED, /CPU time/);
  });
});

describe('bundle files and tampering', () => {
  it('round-trips through one JSON file', async () => {
    const bundle = await scaleWeightsBundle();
    const dir = await mkdtemp(path.join(tmpdir(), 'edgepress-bundle-'));
    try {
      const file = path.join(dir, 'scale-weights.bundle.json');
      await writePluginBundleFile(file, bundle);
      const read = await readPluginBundleFile(file);
      expect(read).toEqual(bundle);
      expect(parsePluginBundle(await readFile(file, 'utf8'))).toEqual(bundle);
      expect(verifyPluginBundle(read).signedBy).toEqual([]);
      await writeFile(file, serializePluginBundle(bundle).replace('"sha256"', '"sha256_"'));
      await expectStageError(readPluginBundleFile(file), ErrorCode.BAD_USER_INPUT, /sha256 must be 64 lowercase hex digits/);
      await expectStageError(readPluginBundleFile(path.join(dir, 'missing.json')), ErrorCode.FILE_NOT_FOUND, /Cannot read the plugin bundle file/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['one byte of code', (code: string) => ({ code: code.replace('Multiplier', 'Multiplieq') })],
    ['the manifest', () => ({ manifest: { description: 'A different description' } })],
  ])('refuses a bundle with %s changed, before any sandbox process starts', async (_what, change) => {
    const bundle = await scaleWeightsBundle();
    const changed = change(bundle.code);
    const tampered = { ...bundle, ...changed, manifest: { ...bundle.manifest, ...('manifest' in changed ? changed.manifest : {}) } };
    const spawnCalls = jest.mocked(spawn).mock.calls.length;
    const model = inMemoryModel(new Float32Array([1]));
    await expectStageError(runPluginStage({ bundle: tampered, target: CPU_TARGET, handler: model.handler }), ErrorCode.BAD_USER_INPUT, /was modified after it was built/);
    await expectStageError(inspectPluginBundle(tampered), ErrorCode.BAD_USER_INPUT, /was modified after it was built/);
    expect(jest.mocked(spawn).mock.calls.length).toBe(spawnCalls);
  });

  it('refuses rehashed code that registers a different manifest than the bundle claims', async () => {
    const bundle = await scaleWeightsBundle();
    const manifest = { ...bundle.manifest, version: '9.9.9' };
    const relabelled = { ...bundle, manifest, sha256: computeBundleHash(manifest, bundle.code) };
    const spawnCalls = jest.mocked(spawn).mock.calls.length;
    await expectStageError(inspectPluginBundle(relabelled), ErrorCode.PLUGIN_FAILED, /registers a manifest that differs from the bundle's manifest/);
    expect(jest.mocked(spawn).mock.calls.length).toBe(spawnCalls + 1);
  });
});
