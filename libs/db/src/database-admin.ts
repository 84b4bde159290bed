import { Client } from 'pg';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { toDatabaseError } from './sql/database-errors';

/** The database named by a URL, and the same URL pointing at the maintenance database. */
export function splitDatabaseUrl(databaseUrl: string): { name: string; maintenanceUrl: string } {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch (error) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected a postgres:// URL for the database URL', { cause: error });
  }
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected the database URL to name a database (letters, digits, "_" or "-")');
  }
  url.pathname = '/postgres';
  return { name, maintenanceUrl: url.toString() };
}

async function onMaintenanceDatabase<T>(databaseUrl: string, fn: (client: Client, name: string) => Promise<T>): Promise<T> {
  const { name, maintenanceUrl } = splitDatabaseUrl(databaseUrl);
  const client = new Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    return await fn(client, name);
  } catch (error) {
    throw toDatabaseError(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the database the URL names unless it exists. Returns true when it was created. */
export async function createDatabaseIfMissing(databaseUrl: string): Promise<boolean> {
  return onMaintenanceDatabase(databaseUrl, async (client, name) => {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      return true;
    } catch (error) {
      // Another process created it between the check and the CREATE.
      const code = (error as { code?: string }).code;
      if (code === '42P04' || code === '23505') return false;
      throw error;
    }
  });
}

/** Drops the database the URL names, disconnecting its sessions (tests and tooling). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  await onMaintenanceDatabase(databaseUrl, async (client, name) => {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  });
}
