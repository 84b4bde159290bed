/**
 * The README's command, `npm start`, as a user runs it: with a fresh data folder (EDGEPRESS_HOME)
 * it starts embedded PostgreSQL, seeds, starts the kernel server, a worker and the gateway, and
 * prints the gateway URL and a demo token; the API answers with that token; Ctrl-C (SIGINT to the
 * terminal's process group) stops every process, PostgreSQL included; the next start reuses the
 * data and the token. The console is left out (EDGEPRESS_CONSOLE=off): building it takes minutes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { REPO_ROOT } from './support/app-process';
import { GatewayApi } from './support/gateway-api';

interface Started {
  child: ChildProcess;
  gatewayUrl: string;
  token: string;
  output: string[];
  /** Pids of the launcher, of the processes it started (from its JSON log lines) and of PostgreSQL. */
  pids: Record<string, number>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Alive and not a zombie (an exited process whose new parent, PID 1 here, has not reaped it yet). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Pids still running after up to `ms` (exiting processes need a moment after their parent saw them go). */
async function stillRunning(pids: [string, number][], ms = 5000): Promise<[string, number][]> {
  for (let waited = 0; waited < ms && pids.some(([, pid]) => isRunning(pid)); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  return pids.filter(([, pid]) => isRunning(pid));
}

async function npmStart(home: string): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, EDGEPRESS_HOME: home, EDGEPRESS_CONSOLE: 'off', GATEWAY_PORT: '0' };
  delete env.DATABASE_URL;
  // A process group of its own, as a terminal gives `npm start`, so that SIGINT reaches it as Ctrl-C would.
  const child = spawn('npm', ['start'], { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const pids: Record<string, number> = {};
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let gatewayUrl = '';
  const token = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no token within 180 s:\n${output.join('\n')}`)), 180_000);
    void exited.then(({ code, signal }) => reject(new Error(`npm start exited (${signal ?? code}) before it was ready:\n${output.join('\n')}`)));
    const onLine = (line: string) => {
      output.push(line);
      if (line.startsWith('{')) {
        const entry = JSON.parse(line) as { msg?: string; service?: string; process?: string; pid?: number };
        if (entry.msg === 'started' && entry.process && entry.pid) pids[entry.process] = entry.pid;
        else if (entry.service === 'launcher' && entry.pid) pids.launcher = entry.pid;
      }
      const gateway = /^\s+gateway:\s+(http\S+)$/.exec(line);
      if (gateway) gatewayUrl = gateway[1] as string;
      const printed = /^\s+token:\s+(ep_\S+)$/.exec(line);
      if (printed) {
        clearTimeout(timer);
        resolve(printed[1] as string);
      }
    };
    readline.createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', onLine);
    readline.createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => output.push(line));
  });
  const postmaster = await readFile(path.join(home, 'postgres', 'data', 'postmaster.pid'), 'utf8');
  pids.postgres = Number(postmaster.split('\n')[0]);
  return { child, gatewayUrl, token, output, pids, exited };
}

/**
 * Signals the whole process group, as a terminal does, and waits until npm and the launcher are
 * gone. npm itself may die of the signal (it forwards it and re-raises it); what matters is that
 * the launcher stops everything and exits after "everything stopped".
 */
async function stopWith(started: Started, signal: NodeJS.Signals): Promise<void> {
  process.kill(-(started.child.pid as number), signal);
  const npmExit = await started.exited;
  expect(npmExit.code === 0 || npmExit.signal === signal).toBe(true);
  const launcher = started.pids.launcher as number;
  for (let i = 0; i < 600 && isRunning(launcher); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(isRunning(launcher)).toBe(false);
}

describe('npm start (embedded PostgreSQL, real processes)', () => {
  let home: string;
  let running: Started | undefined;

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'edgepress-npm-start-'));
  });
  afterAll(async () => {
    if (running && running.child.exitCode === null && running.child.signalCode === null) process.kill(-(running.child.pid as number), 'SIGKILL');
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('starts everything from a fresh data folder, answers the API with the printed token, restarts a child that died, and stops everything on Ctrl-C', async () => {
    running = await npmStart(home);
    expect(running.gatewayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.output.join('\n')).toMatch(/token:\s+ep_\S+\n\s+new; kept in .*demo-token/);
    expect(Object.keys(running.pids).sort()).toEqual(['gateway', 'kernel-server', 'launcher', 'postgres', 'worker']);
    expect(statSync(path.join(home, 'demo-token')).mode & 0o777).toBe(0o600);

    const api = new GatewayApi(running.gatewayUrl, running.token);
    const { viewer, plugins } = await api.query<{ viewer: { role: string; team: { slug: string } }; plugins: { nodes: { name: string; builtin: boolean }[] } }>(
      '{ viewer { role team { slug } } plugins(first: 100, filter: { builtin: true }) { nodes { name builtin } } }',
    );
    expect(viewer).toEqual({ role: 'OWNER', team: { slug: 'demo' } });
    expect(plugins.nodes.map((plugin) => plugin.name)).toEqual(expect.arrayContaining(['prune-channels', 'quantize-int8', 'fold-batchnorm']));
    const metrics = await fetch(`${running.gatewayUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/edgepress_runs\{/);

    // A child that dies is reported and started again.
    const killedWorker = running.pids.worker as number;
    process.kill(killedWorker, 'SIGKILL');
    for (let i = 0; i < 600 && running.pids.worker === killedWorker; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(running.pids.worker).not.toBe(killedWorker);
    expect(running.output.join('\n')).toMatch(/worker exited unexpectedly \(SIGKILL\); restarting it/);

    const pids = Object.entries(running.pids);
    expect(pids.filter(([, pid]) => !isRunning(pid))).toEqual([]);
    await stopWith(running, 'SIGINT');
    // The launcher waits for each child and for PostgreSQL before it exits.
    expect(await stillRunning(pids)).toEqual([]);
    expect(existsSync(path.join(home, 'postgres', 'data', 'postmaster.pid'))).toBe(false);
    expect(running.output.join('\n')).toMatch(/"msg":"PostgreSQL stopped"/);
    expect(running.output.join('\n')).toMatch(/"msg":"everything stopped"/);
  });

  it('starts again on the same data: the same team and token, the bundles from their cache', async () => {
    const first = running as Started;
    const bundles = path.join(home, 'plugin-bundles');
    const cached = () => Object.fromEntries(readdirSync(bundles).map((file) => [file, statSync(path.join(bundles, file)).mtimeMs]));
    const before = cached();
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(3);
    running = await npmStart(home);
    expect(running.token).toBe(first.token);
    expect(running.output.join('\n')).not.toMatch(/new; kept in/);
    // Nothing was rebuilt: every bundle came from its cache file, untouched.
    expect(cached()).toEqual(before);
    const api = new GatewayApi(running.gatewayUrl, running.token);
    await expect(api.query('{ viewer { team { slug } } }')).resolves.toEqual({ viewer: { team: { slug: 'demo' } } });

    // A crash of the launcher (SIGKILL: no chance to stop anything) leaves its children running ...
    const crashed = running;
    process.kill(crashed.pids.launcher as number, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const orphans = Object.entries(crashed.pids).filter(([name]) => name !== 'launcher');
    expect(orphans.filter(([, pid]) => !isRunning(pid))).toEqual([]);

    // ... and the next start stops them (and the orphaned PostgreSQL) before it starts its own.
    running = await npmStart(home);
    expect(running.token).toBe(first.token);
    const output = running.output.join('\n');
    for (const name of ['gateway', 'worker', 'kernel-server']) expect(output).toMatch(new RegExp(`"process":"${name}".*"msg":"stopping a process left by a previous start that was killed"`));
    expect(await stillRunning(orphans)).toEqual([]);
    await expect(new GatewayApi(running.gatewayUrl, running.token).query('{ viewer { team { slug } } }')).resolves.toEqual({ viewer: { team: { slug: 'demo' } } });
    const pids = Object.entries(running.pids);
    await stopWith(running, 'SIGTERM');
    expect(await stillRunning(pids)).toEqual([]);
  });
});
