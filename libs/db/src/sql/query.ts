import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { toDatabaseError } from './database-errors';

/** A pool or a client checked out of it (inside a transaction). Repositories work on either. */
export type Queryable = Pool | PoolClient;

/** Runs one statement; every failure leaves as an EdgepressError (see database-errors.ts). */
export async function query<R extends QueryResultRow>(db: Queryable, text: string, values: readonly unknown[] = []): Promise<QueryResult<R>> {
  try {
    return await db.query<R>(text, values as unknown[]);
  } catch (error) {
    throw toDatabaseError(error);
  }
}

export async function queryRows<R extends QueryResultRow>(db: Queryable, text: string, values: readonly unknown[] = []): Promise<R[]> {
  return (await query<R>(db, text, values)).rows;
}

export async function queryOne<R extends QueryResultRow>(db: Queryable, text: string, values: readonly unknown[] = []): Promise<R | undefined> {
  return (await query<R>(db, text, values)).rows[0];
}

/** For statements that always return a row (INSERT ... RETURNING, aggregates). */
export async function queryRow<R extends QueryResultRow>(db: Queryable, text: string, values: readonly unknown[] = []): Promise<R> {
  const row = await queryOne<R>(db, text, values);
  if (row === undefined) throw new EdgepressError(ErrorCode.INTERNAL, 'Internal error', { cause: new Error(`No row returned by: ${text.slice(0, 80)}`) });
  return row;
}
