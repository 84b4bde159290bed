import { Pool, types, type PoolClient, type PoolConfig } from 'pg';
import { toDatabaseError } from './sql/database-errors';

export interface PoolOptions {
  /** Most connections this pool opens (default 10). */
  max?: number;
  /** Shown in pg_stat_activity, so an operator can tell gateway, worker and CLI apart. */
  applicationName?: string;
  /** Server-side bound for any one statement, in milliseconds (default 30 000; 0 turns it off). */
  statementTimeoutMs?: number;
  /** Called when an idle connection dies (server restart, network); the pool replaces it. */
  onIdleError?: (error: Error) => void;
}

const INT8_OID = 20;

// bigint columns here are byte sizes and counts, far below 2^53: numbers, not strings. Parsed per
// pool (not through pg's global registry) so other users of pg in the process are unaffected.
const typeOverrides: PoolConfig['types'] = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : types.getTypeParser(oid, format ?? 'text')) as NonNullable<
    PoolConfig['types']
  >['getTypeParser'],
};

export function createPool(databaseUrl: string, options: PoolOptions = {}): Pool {
  const statementTimeout = options.statementTimeoutMs ?? 30_000;
  const pool = new Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'edgepress',
    statement_timeout: statementTimeout > 0 ? statementTimeout : undefined,
    connectionTimeoutMillis: 10_000,
    types: typeOverrides,
  });
  // Without a listener an idle client's error would crash the process (EventEmitter semantics).
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}

/** Runs fn inside BEGIN/COMMIT on one client; any throw rolls back and is rethrown. */
export async function withTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toDatabaseError(error);
  }
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw toDatabaseError(error);
  } finally {
    client.release();
  }
}
