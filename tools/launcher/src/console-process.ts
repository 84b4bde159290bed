/**
 * The web console (apps/web) under `npm start`: built with its own build script when the build is
 * missing or stale (the first start takes a minute; later starts reuse it), then started with its
 * start script, pointed at the gateway through EDGEPRESS_GATEWAY_URL, and ready when its /healthz
 * answers.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { LauncherConfig } from './launcher-config';
import { SupervisedProcess, type ProcessEvents } from './supervised-process';

const WEB_PACKAGE = '@edgepress/web';

/** npm itself: the one running `npm start`, else the one on PATH. */
function npmCommand(): { command: string; prefix: string[] } {
  const npmCli = process.env.npm_execpath;
  return npmCli && /\.(c|m)?js$/.test(npmCli) ? { command: process.execPath, prefix: [npmCli] } : { command: 'npm', prefix: [] };
}

async function runToCompletion(args: string[], cwd: string, env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  const { command, prefix } = npmCommand();
  const log = createWriteStream(logFile, { flags: 'a', mode: 0o600 });
  const child = spawn(command, [...prefix, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  await new Promise<void>((resolve) => log.end(resolve));
  if (code !== 0) throw new EdgepressError(ErrorCode.UNAVAILABLE, `"npm ${args.join(' ')}" failed (exit ${code}); see ${logFile}`);
}

async function buildIfNeeded(config: LauncherConfig, env: NodeJS.ProcessEnv, logFile: string, logger: Logger): Promise<void> {
  const webDir = path.join(config.repoRoot, 'apps', 'web');
  const scripts = (JSON.parse(await readFile(path.join(webDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  if (scripts['build:if-stale']) {
    logger.info({ process: 'console' }, 'building the console if its build is missing or stale (the first start takes a while)');
    await runToCompletion(['--silent', 'run', 'build:if-stale', '-w', WEB_PACKAGE], config.repoRoot, env, logFile);
    return;
  }
  const built = await stat(path.join(webDir, '.next', 'BUILD_ID')).then(
    () => true,
    () => false,
  );
  if (!built) {
    logger.info({ process: 'console' }, 'building the console (first start only)');
    await runToCompletion(['--silent', 'run', 'build', '-w', WEB_PACKAGE], config.repoRoot, env, logFile);
  }
}

export async function startConsole(config: LauncherConfig, gatewayUrl: string, logDir: string, logger: Logger, events: ProcessEvents): Promise<SupervisedProcess> {
  const port = config.console?.port ?? 3000;
  const env: NodeJS.ProcessEnv = { ...process.env, EDGEPRESS_GATEWAY_URL: gatewayUrl, PORT: String(port), EDGEPRESS_WEB_HOST: '127.0.0.1', NODE_ENV: 'production' };
  delete env.TSX_TSCONFIG_PATH;
  delete env.DATABASE_URL;
  const logFile = path.join(logDir, 'console.log');
  await buildIfNeeded(config, env, logFile, logger);
  const url = `http://127.0.0.1:${port}`;
  const { command, prefix } = npmCommand();
  const consoleProcess = new SupervisedProcess(
    {
      name: 'console',
      command,
      // --silent: npm's own notices would otherwise reach the terminal as the console's stderr.
      args: [...prefix, '--silent', 'run', 'start', '-w', WEB_PACKAGE],
      cwd: config.repoRoot,
      env,
      readyProbe: async () => ((await fetch(`${url}/healthz`).catch(() => null))?.ok ? url : null),
      readyTimeoutMs: 120_000,
      logFile,
    },
    logger,
    events,
  );
  await consoleProcess.start();
  return consoleProcess;
}
