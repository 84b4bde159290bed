import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { statSync } from 'node:fs';
import path from 'node:path';

/** Environment variable naming the shared data folder (the one holding `ocr/`). */
export const DATA_DIR_ENV = 'EDGEPRESS_DATA_DIR';

export interface DataRootOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where to start looking (default: the working directory, then this package's folder). */
  readonly from?: string;
}

function isFolder(candidate: string): boolean {
  try {
    return statSync(candidate).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The shared data folder: $EDGEPRESS_DATA_DIR when set, else the first `<ancestor>/../shared/data`
 * above the starting folder (the repository is cloned next to `shared/`, in development and in CI).
 */
export function findDataRoot(options: DataRootOptions = {}): string | undefined {
  const fromEnv = (options.env ?? process.env)[DATA_DIR_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return isFolder(fromEnv) ? path.resolve(fromEnv) : undefined;
  const starts = options.from !== undefined ? [options.from] : [process.cwd(), __dirname];
  for (const start of starts) {
    for (let folder = path.resolve(start); ; folder = path.dirname(folder)) {
      const candidate = path.join(folder, '..', 'shared', 'data');
      if (isFolder(candidate)) return path.resolve(candidate);
      if (path.dirname(folder) === folder) break;
    }
  }
  return undefined;
}

/** findDataRoot, or FILE_NOT_FOUND saying where it looked. */
export function requireDataRoot(options: DataRootOptions = {}): string {
  const found = findDataRoot(options);
  if (found !== undefined) return found;
  const fromEnv = (options.env ?? process.env)[DATA_DIR_ENV];
  const why = fromEnv ? `${DATA_DIR_ENV}='${fromEnv}' is not a folder` : `no ../shared/data above ${options.from ?? process.cwd()} and ${DATA_DIR_ENV} is not set`;
  throw new EdgepressError(ErrorCode.FILE_NOT_FOUND, `Shared data folder not found: ${why}`);
}
