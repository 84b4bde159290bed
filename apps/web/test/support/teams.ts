/** A team of its own for each test file, with tokens of the roles it needs (rows through @edgepress/db). */
import { openDatabase, type Role } from '@edgepress/db';
import type { PlatformInfo } from './platform-process';

export interface TestTeam {
  id: string;
  name: string;
  tokens: Record<Role, string>;
}

let counter = 0;

export async function createTeam(platform: PlatformInfo, name: string): Promise<TestTeam> {
  const db = openDatabase(platform.databaseUrl, { max: 2 });
  try {
    counter += 1;
    const team = await db.teams.create({ slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${process.pid}-${counter}`, name });
    const tokens = {} as Record<Role, string>;
    for (const role of ['owner', 'admin', 'member', 'viewer'] as const) tokens[role] = (await db.tokens.create(team.id, { name: `${role} token`, role })).secret;
    return { id: team.id, name, tokens };
  } finally {
    await db.close();
  }
}
