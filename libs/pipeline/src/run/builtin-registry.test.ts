import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPluginBundle } from '@edgepress/plugin-host';
import { createBuiltinRegistry } from './builtin-registry';

jest.mock('@edgepress/plugin-host', () => {
  const actual = jest.requireActual<typeof import('@edgepress/plugin-host')>('@edgepress/plugin-host');
  return { ...actual, buildPluginBundle: jest.fn(actual.buildPluginBundle) };
});

jest.setTimeout(60_000);

const pluginsDir = path.join(__dirname, '../../test/fixtures/builtin-plugins');
let folder: string;

beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'edgepress-registry-'));
  jest.mocked(buildPluginBundle).mockClear();
});

afterEach(async () => {
  await fs.rm(folder, { recursive: true, force: true });
});

describe('createBuiltinRegistry', () => {
  it('builds a plugin once, caches it by content hash, and reuses the cache in another registry', async () => {
    const cacheDir = path.join(folder, 'cache');
    const shared = path.join(folder, 'shared');
    await fs.mkdir(shared);
    await fs.writeFile(path.join(shared, 'version.ts'), 'export const V = 1;\n');
    const options = { pluginsDir, cacheDir, sharedSources: [shared] };
    const first = await createBuiltinRegistry(options).resolve('scale-gemm', '^0.3.0');
    expect(first?.manifest).toMatchObject({ name: 'scale-gemm', version: '0.3.0', kind: 'transform' });
    const files = await fs.readdir(cacheDir);
    expect(files).toEqual([expect.stringMatching(/^scale-gemm-[0-9a-f]{24}\.json$/)]);

    const again = createBuiltinRegistry(options);
    expect((await again.resolve('scale-gemm', '*'))?.sha256).toBe(first?.sha256);
    expect(await again.names()).toEqual(['scale-gemm']);
    expect(await again.versions('scale-gemm')).toEqual(['0.3.0']);
    expect(buildPluginBundle).toHaveBeenCalledTimes(1);

    // A cache file changed behind the registry's back is never run: it is rebuilt.
    const cacheFile = path.join(cacheDir, files[0]);
    const cached = JSON.parse(await fs.readFile(cacheFile, 'utf8')) as { code: string };
    await fs.writeFile(cacheFile, JSON.stringify({ ...cached, code: `${cached.code}\n;globalThis.tamperedByTest = 1;` }));
    expect((await createBuiltinRegistry(options).resolve('scale-gemm', '*'))?.code).not.toContain('tamperedByTest');
    expect(buildPluginBundle).toHaveBeenCalledTimes(2);

    // Changing a source that goes into the bundle changes the hash.
    await fs.writeFile(path.join(shared, 'version.ts'), 'export const V = 2;\n');
    await createBuiltinRegistry(options).resolve('scale-gemm', '*');
    expect(buildPluginBundle).toHaveBeenCalledTimes(3);
    expect(await fs.readdir(cacheDir)).toHaveLength(2);
  });

  it('finds nothing for unknown names, unmatched versions, and names that are not plain kebab-case', async () => {
    const registry = createBuiltinRegistry({ pluginsDir, cacheDir: path.join(folder, 'cache') });
    expect(await registry.resolve('scale-gemm', '^1.0.0')).toBeUndefined();
    expect(await registry.resolve('not-a-plugin', '*')).toBeUndefined();
    for (const name of ['../builtin-plugins/scale-gemm', '@acme/scale-gemm', 'Scale-Gemm', '']) expect(await registry.resolve(name, '*')).toBeUndefined();
  });
});
