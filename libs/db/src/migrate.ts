import path from 'node:path';
import { runner } from 'node-pg-migrate';
import { toDatabaseError } from './sql/database-errors';

/** node-pg-migrate's bookkeeping table (in the public schema, next to ours). */
export const MIGRATIONS_TABLE = 'edgepress_migrations';

export interface MigrateOptions {
  /** Receives node-pg-migrate's progress lines; silent by default. */
  log?: (message: string) => void;
}

export interface MigrateResult {
  /** Names of the migrations applied by this call (empty when the schema was up to date). */
  applied: string[];
}

/**
 * Brings the schema up to date. Idempotent, and safe when several processes start at once:
 * node-pg-migrate holds an advisory lock for the whole run, and with advisoryLockMode 'wait' a
 * second caller waits for it, then finds nothing left to apply. Migrations are plain SQL files in
 * ./migrations (readable as the schema's documentation), each applied in one transaction.
 */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const log = options.log ?? (() => undefined);
  const logger = { debug: log, info: log, warn: log, error: log };
  try {
    const applied = await runner({
      databaseUrl,
      dir: path.join(__dirname, 'migrations'),
      direction: 'up',
      migrationsTable: MIGRATIONS_TABLE,
      checkOrder: true,
      singleTransaction: true,
      advisoryLockMode: 'wait',
      logger,
    });
    return { applied: applied.map((migration) => migration.name) };
  } catch (error) {
    throw toDatabaseError(error);
  }
}
