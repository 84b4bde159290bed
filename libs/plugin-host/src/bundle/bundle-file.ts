import { readFile, stat, writeFile } from 'node:fs/promises';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { MAX_BUNDLE_CODE_BYTES, parsePluginBundle, serializePluginBundle, type PluginBundle } from './plugin-bundle';

/** Writes a bundle as one JSON file. */
export async function writePluginBundleFile(file: string, bundle: PluginBundle): Promise<void> {
  await writeFile(file, serializePluginBundle(bundle), 'utf8');
}

/** Reads one bundle JSON file (shape checked; call verifyPluginBundle or runPluginStage to check its hash). */
export async function readPluginBundleFile(file: string): Promise<PluginBundle> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (cause) {
    throw new EdgepressError(ErrorCode.FILE_NOT_FOUND, `Cannot read the plugin bundle file ${file}`, { cause });
  }
  if (size > MAX_BUNDLE_CODE_BYTES * 2) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `The plugin bundle file ${file} is ${size} bytes, more than the limit of ${MAX_BUNDLE_CODE_BYTES * 2}`);
  }
  return parsePluginBundle(await readFile(file, 'utf8'));
}
