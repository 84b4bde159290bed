/**
 * Processes a previous `npm start` left behind when it was killed without a chance to stop them
 * (SIGKILL, a crash): each child runs in a process group of its own, so nothing else stops it.
 * Every child carries EDGEPRESS_LAUNCHER_HOME=<home> in its environment and the launcher lists
 * their pids in <home>/processes.json; the next start stops those whose launcher is gone, after
 * checking in /proc that each pid still is such a child (a reused pid is never touched).
 * (PostgreSQL's own leftovers are handled by libs/db's startEmbeddedPostgres.) Linux only.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';

export const HOME_MARKER = 'EDGEPRESS_LAUNCHER_HOME';

interface ProcessList {
  launcher: number;
  children: { name: string; pid: number }[];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function carriesMarker(pid: number, home: string): Promise<boolean> {
  const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
  return environ.split('\0').includes(`${HOME_MARKER}=${home}`);
}

function listFile(home: string): string {
  return path.join(home, 'processes.json');
}

export async function recordProcesses(home: string, children: { name: string; pid: number | undefined }[]): Promise<void> {
  const list: ProcessList = { launcher: process.pid, children: children.flatMap(({ name, pid }) => (pid === undefined ? [] : [{ name, pid }])) };
  // Through a temporary file and a rename: concurrent updates never leave a torn file.
  const temporary = `${listFile(home)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, `${JSON.stringify(list)}\n`, { mode: 0o600 });
  await rename(temporary, listFile(home));
}

export async function forgetProcesses(home: string): Promise<void> {
  await rm(listFile(home), { force: true });
}

/** Stops the children of a launcher that died; waits up to 10 s for each, then SIGKILLs it. */
export async function stopLeftovers(home: string, logger: Logger): Promise<void> {
  let list: ProcessList;
  try {
    list = JSON.parse(await readFile(listFile(home), 'utf8')) as ProcessList;
  } catch {
    return;
  }
  if (list.launcher !== process.pid && alive(list.launcher) && (await carriesMarker(list.launcher, home).catch(() => false))) return;
  for (const { name, pid } of list.children ?? []) {
    if (!Number.isInteger(pid) || !alive(pid) || !(await carriesMarker(pid, home))) continue;
    logger.warn({ process: name, pid }, 'stopping a process left by a previous start that was killed');
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  await forgetProcesses(home);
}
