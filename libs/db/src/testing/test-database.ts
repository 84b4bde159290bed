import { randomBytes } from 'node:crypto';
import { createDatabaseIfMissing, dropDatabase } from '../database-admin';
import { migrate } from '../migrate';

export interface TestDatabase {
  /** URL of a fresh, empty database (migrated unless asked otherwise). */
  url: string;
  drop(): Promise<void>;
}

/** The server tests use; override with EDGEPRESS_TEST_DATABASE_URL. */
export function testServerUrl(): string {
  return process.env.EDGEPRESS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/**
 * A database of its own for one test file, so that files run in parallel without seeing each
 * other's rows. Call drop() in afterAll.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const url = new URL(testServerUrl());
  url.pathname = `/edgepress_test_${randomBytes(6).toString('hex')}`;
  const databaseUrl = url.toString();
  await createDatabaseIfMissing(databaseUrl);
  if (options.migrate ?? true) await migrate(databaseUrl);
  return { url: databaseUrl, drop: () => dropDatabase(databaseUrl) };
}
