/**
 * The demo team's API token under `npm start`. Decision: the secret is kept in <home>/demo-token
 * (mode 0600, like an SSH key) and printed on every start, so the one-command setup stays usable
 * after a restart; the database keeps only its hash, as for every token. When the file is missing
 * or its token no longer works (revoked, expired, another database), a new token named "demo" is
 * created; an older one is left alone, since someone else may be using it.
 */
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { Database } from '@edgepress/db';
import { seedPlatform } from '@edgepress/gateway';

export interface DemoAccess {
  teamSlug: string;
  teamName: string;
  token: string;
  tokenFile: string;
  /** True when this start created the token. */
  created: boolean;
}

async function writeSecret(file: string, secret: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${secret}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}

export async function ensureDemoAccess(db: Database, home: string): Promise<DemoAccess> {
  const tokenFile = path.join(home, 'demo-token');
  const { team, demoToken } = await seedPlatform(db);
  if (!team) throw new EdgepressError(ErrorCode.INTERNAL, 'Seeding did not create the demo team');
  const access = (token: string, created: boolean): DemoAccess => ({ teamSlug: team.slug, teamName: team.name, token, tokenFile, created });
  if (demoToken) {
    await writeSecret(tokenFile, demoToken.secret);
    return access(demoToken.secret, true);
  }
  const saved = (await readFile(tokenFile, 'utf8').catch(() => '')).trim();
  if (saved) {
    const identity = await db.tokens.verify(saved).catch(() => null);
    if (identity?.teamId === team.id) return access(saved, false);
  }
  const { secret } = await db.tokens.create(team.id, { name: 'demo', role: 'owner' });
  await writeSecret(tokenFile, secret);
  return access(secret, true);
}
