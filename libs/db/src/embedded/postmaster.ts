import { readFileSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import path from 'node:path';

/** What postmaster.pid in a data folder says about the server that owns it. */
export type PostmasterStatus =
  | { kind: 'none' }
  /** A postgres process serving this folder is alive. */
  | { kind: 'running'; pid: number; port: number }
  /** The file is left over from a server that died; removed, so that the next start succeeds. */
  | { kind: 'stale' };

/** Alive and not a zombie (a dead process whose parent, e.g. a container's init, never reaps it). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** On Linux, also makes sure the PID was not reused by an unrelated process. */
async function isPostgresServing(pid: number, dataDir: string): Promise<boolean> {
  if (!isAlive(pid)) return false;
  if (process.platform !== 'linux') return true;
  try {
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    return path.basename(cmdline[0] ?? '').startsWith('postgres') && cmdline.includes(dataDir);
  } catch {
    return false;
  }
}

export async function readPostmasterStatus(dataDir: string): Promise<PostmasterStatus> {
  const file = path.join(dataDir, 'postmaster.pid');
  let lines: string[];
  try {
    lines = (await readFile(file, 'utf8')).split('\n');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw error;
  }
  const pid = Number(lines[0]);
  if (Number.isInteger(pid) && pid > 0 && (await isPostgresServing(pid, dataDir))) {
    return { kind: 'running', pid, port: Number(lines[3]) };
  }
  await unlink(file).catch(() => undefined);
  return { kind: 'stale' };
}

/** The process that started the server records itself here, to tell an orphan from a live peer. */
export const OWNER_FILE = 'owner.pid';

export async function readOwnerPid(folder: string): Promise<number | null> {
  try {
    const pid = Number((await readFile(path.join(folder, OWNER_FILE), 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function isProcessAlive(pid: number): boolean {
  return isAlive(pid);
}
