import { mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { configLocation, loadSettings, normaliseGatewayUrl, saveSettings } from './config-store';

describe('config store', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'edgepress-cli-config-'));
    env = { EDGEPRESS_CONFIG_DIR: path.join(dir, 'nested', 'edgepress') };
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('saves the token readable by its owner only, in a folder only its owner enters', async () => {
    const file = await saveSettings({ gateway: 'http://127.0.0.1:4000', token: 'ep_abcd_secret123' }, env);
    expect(file).toBe(configLocation(env).file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ gateway: 'http://127.0.0.1:4000', token: 'ep_abcd_secret123' });
    await expect(loadSettings({}, env)).resolves.toEqual({ gateway: 'http://127.0.0.1:4000', token: 'ep_abcd_secret123' });
  });

  it('re-saving over a file that others could read makes it private again', async () => {
    const file = await saveSettings({ gateway: 'http://a:1', token: 'ep_abcd_first0000' }, env);
    await chmod(file, 0o644);
    const warnings: string[] = [];
    await loadSettings({}, env, (line) => warnings.push(line));
    expect(warnings.join('\n')).toMatch(/readable by other users/);
    await saveSettings({ gateway: 'http://a:1', token: 'ep_abcd_second000' }, env);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('lets flags and EDGEPRESS_GATEWAY / EDGEPRESS_TOKEN override the file', async () => {
    await saveSettings({ gateway: 'http://saved:4000', token: 'ep_saved_00000000' }, env);
    await expect(loadSettings({}, { ...env, EDGEPRESS_TOKEN: 'ep_env_000000000' })).resolves.toEqual({ gateway: 'http://saved:4000', token: 'ep_env_000000000' });
    await expect(loadSettings({ gateway: 'https://flag.example/' }, { ...env, EDGEPRESS_GATEWAY: 'http://env:1' })).resolves.toEqual({
      gateway: 'https://flag.example',
      token: 'ep_saved_00000000',
    });
  });

  it('asks to log in when nothing is configured, and refuses a damaged file', async () => {
    await expect(loadSettings({}, env)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/edgepress login/) });
    await saveSettings({ gateway: 'http://a:1', token: 'ep_abcd_first0000' }, env);
    await writeFile(configLocation(env).file, '[1, 2');
    await expect(loadSettings({}, env)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/not a JSON object/) });
    await writeFile(configLocation(env).file, JSON.stringify({ gateway: 'ftp://x', token: 'ep_abcd_first0000' }));
    await expect(loadSettings({}, env)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await writeFile(configLocation(env).file, JSON.stringify({ gateway: 'http://x', token: 'short' }));
    await expect(loadSettings({}, env)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/API token/) });
  });

  it('accepts only plain http(s) gateway URLs', () => {
    expect(normaliseGatewayUrl('http://127.0.0.1:4000///', '--gateway')).toBe('http://127.0.0.1:4000');
    expect(normaliseGatewayUrl('https://gw.example/edgepress/', '--gateway')).toBe('https://gw.example/edgepress');
    for (const bad of ['127.0.0.1:4000', 'file:///etc/passwd', 'http://user:pw@host', 'http://host/?q=1', 'http://host/#x', 'not a url']) {
      expect(() => normaliseGatewayUrl(bad, '--gateway')).toThrow(/--gateway/);
    }
  });
});
