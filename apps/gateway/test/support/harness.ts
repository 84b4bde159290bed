import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { LocalFolderBlobStore, openDatabase, type BlobStore, type Database, type Role, type Team } from '@edgepress/db';
import { createTestDatabase, type TestDatabase } from '@edgepress/db/testing';
import { createGateway, type GatewayConfig } from '../../src';

/**
 * A gateway started in-process on an ephemeral port, over a fresh PostgreSQL database of its own
 * and a temporary blob folder, with two teams (A and B) and tokens of every role.
 */
export interface TeamFixture {
  team: Team;
  tokens: Record<Role, string>;
}

export interface Harness {
  url: string;
  wsUrl: string;
  databaseUrl: string;
  db: Database;
  blobs: LocalFolderBlobStore;
  blobRoot: string;
  a: TeamFixture;
  b: TeamFixture;
  /** JSON log lines the gateway wrote. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

let teamCounter = 0;

export async function createTeamFixture(db: Database, name: string): Promise<TeamFixture> {
  teamCounter += 1;
  const team = await db.teams.create({ slug: `${name}-${process.pid}-${teamCounter}`, name });
  const tokens = {} as Record<Role, string>;
  for (const role of ['owner', 'admin', 'member', 'viewer'] as const) {
    tokens[role] = (await db.tokens.create(team.id, { name: `${name}-${role}`, role })).secret;
  }
  return { team, tokens };
}

export interface HarnessOptions {
  /** Replaces parts of the database or blob store the gateway sees (to force failures). */
  wrapDb?: (db: Database) => Database;
  wrapBlobs?: (blobs: BlobStore) => BlobStore;
}

export async function startHarness(overrides: Partial<GatewayConfig> = {}, options: HarnessOptions = {}): Promise<Harness> {
  const database: TestDatabase = await createTestDatabase();
  const db = openDatabase(database.url, { max: 10 });
  const root = await mkdtemp(path.join(tmpdir(), 'edgepress-gateway-test-'));
  const blobs = new LocalFolderBlobStore({ root });
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const gateway = await createGateway({
    databaseUrl: database.url,
    db: options.wrapDb ? options.wrapDb(db) : db,
    blobs: options.wrapBlobs ? options.wrapBlobs(blobs) : blobs,
    port: 0,
    logger: pino({ level: 'info' }, sink),
    signingSecret: 'test-signing-secret-0123456789',
    ...overrides,
  }).catch(async (error: unknown) => {
    await db.close();
    await database.drop();
    throw error;
  });
  const a = await createTeamFixture(db, 'alpha');
  const b = await createTeamFixture(db, 'beta');
  return {
    url: gateway.url,
    wsUrl: `${gateway.url.replace(/^http/, 'ws')}/graphql`,
    databaseUrl: database.url,
    db,
    blobs,
    blobRoot: root,
    a,
    b,
    logs,
    async close() {
      await gateway.close();
      await db.close();
      await database.drop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
