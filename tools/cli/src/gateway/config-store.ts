/**
 * Where `edgepress login` keeps the gateway URL and the API token: config.json in
 * $EDGEPRESS_CONFIG_DIR, else $XDG_CONFIG_HOME/edgepress, else ~/.config/edgepress.
 *
 * Threat model: the token is a bearer secret. The folder is created 0700 and the file written
 * 0600 through a temporary file and a rename (never readable by others, never half written); a
 * file that other users can read is still used, with a warning to fix its permissions. Settings
 * read back are validated like user input. EDGEPRESS_GATEWAY and EDGEPRESS_TOKEN override the file
 * (CI, scripts). Tests: config-store.test.ts.
 */
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { EdgepressError, ErrorCode } from '@edgepress/errors';

export interface GatewaySettings {
  /** Base URL of the gateway, e.g. http://127.0.0.1:4000 (no trailing slash). */
  readonly gateway: string;
  readonly token: string;
}

export interface ConfigLocation {
  readonly dir: string;
  readonly file: string;
}

const TOKEN = /^[\x21-\x7e]{8,512}$/;

export function configLocation(env: NodeJS.ProcessEnv = process.env): ConfigLocation {
  const dir = env.EDGEPRESS_CONFIG_DIR || path.join(env.XDG_CONFIG_HOME || path.join(homedir(), '.config'), 'edgepress');
  return { dir, file: path.join(dir, 'config.json') };
}

/** Checks and normalises a gateway URL (http or https, no query, no credentials). */
export function normaliseGatewayUrl(value: string, source: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected an http(s) URL such as http://127.0.0.1:4000 for ${source} but received "${value.slice(0, 200)}"`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected an http(s) URL without credentials, query or fragment for ${source} but received "${value.slice(0, 200)}"`);
  }
  return url.toString().replace(/\/+$/, '');
}

export function checkToken(value: string, source: string): string {
  if (!TOKEN.test(value)) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected an API token (8 to 512 printable characters, such as ep_xxxx_...) for ${source}`);
  }
  return value;
}

export async function saveSettings(settings: GatewaySettings, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { dir, file } = configLocation(env);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  const body = `${JSON.stringify({ gateway: settings.gateway, token: settings.token }, null, 2)}\n`;
  await writeFile(temporary, body, { mode: 0o600 });
  // writeFile's mode applies only to new files; an older temp file keeps its own, so set it again.
  await chmod(temporary, 0o600);
  await rename(temporary, file);
  return file;
}

/**
 * The gateway and token to use: flags first, then EDGEPRESS_GATEWAY / EDGEPRESS_TOKEN, then the
 * saved file. UNAUTHENTICATED with a hint to log in when nothing is configured.
 */
export async function loadSettings(
  flags: { gateway?: string; token?: string } = {},
  env: NodeJS.ProcessEnv = process.env,
  warn: (line: string) => void = () => undefined,
): Promise<GatewaySettings> {
  const { file } = configLocation(env);
  let saved: Partial<GatewaySettings> = {};
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new EdgepressError(ErrorCode.FILE_NOT_FOUND, `Cannot read ${file}: ${error.code ?? error.message}`);
  });
  if (text !== null) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      saved = parsed as Partial<GatewaySettings>;
    } catch {
      throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `${file} is not a JSON object; run "edgepress login" again`);
    }
    const mode = (await stat(file)).mode & 0o077;
    if (mode !== 0) warn(`warning: ${file} is readable by other users; run "chmod 600 ${file}"`);
  }
  const gateway = flags.gateway ?? env.EDGEPRESS_GATEWAY ?? (typeof saved.gateway === 'string' ? saved.gateway : undefined);
  const token = flags.token ?? env.EDGEPRESS_TOKEN ?? (typeof saved.token === 'string' ? saved.token : undefined);
  if (gateway === undefined || token === undefined) {
    throw new EdgepressError(
      ErrorCode.UNAUTHENTICATED,
      `No gateway configured: run "edgepress login --gateway URL --token TOKEN" (or set EDGEPRESS_GATEWAY and EDGEPRESS_TOKEN)`,
    );
  }
  return { gateway: normaliseGatewayUrl(gateway, flags.gateway ? '--gateway' : 'the gateway setting'), token: checkToken(token, 'the token setting') };
}
