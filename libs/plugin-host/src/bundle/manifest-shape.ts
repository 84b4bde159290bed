import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { PLUGIN_KINDS, type PluginManifest } from '@edgepress/plugin-sdk';
import { PLUGIN_NAME_PATTERN } from '@edgepress/plugin-sdk/sandbox';
import { measurePlainData, PlainDataError } from '../wire/plain-data';

const SEMVER = /^\d{1,9}\.\d{1,9}\.\d{1,9}(?:-[0-9A-Za-z.-]{1,64})?(?:\+[0-9A-Za-z.-]{1,64})?$/;
const MAX_PARAMS_SCHEMA_BYTES = 256 * 1024;

/**
 * A manifest comes from plugin code (it is extracted inside the sandbox) or from a stored bundle,
 * so the host checks its shape itself before trusting any field.
 */
export function validateManifest(value: unknown, where: string): PluginManifest {
  const fail = (what: string) => new EdgepressError(ErrorCode.BAD_USER_INPUT, `${where}: ${what}`);
  const manifest = value as Partial<Record<keyof PluginManifest, unknown>> | null;
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw fail('expected an object');
  const { name, version, kind, description, engines, sdkVersion, paramsSchema } = manifest;
  if (typeof name !== 'string' || !PLUGIN_NAME_PATTERN.test(name)) throw fail('name must be a kebab-case plugin name');
  if (typeof version !== 'string' || !SEMVER.test(version)) throw fail('version must be a semver version');
  if (typeof kind !== 'string' || !(PLUGIN_KINDS as readonly string[]).includes(kind)) throw fail(`kind must be one of ${PLUGIN_KINDS.join(', ')}`);
  if (typeof description !== 'string' || description.length === 0 || description.length > 2000) throw fail('description must be 1 to 2000 characters');
  if (typeof engines !== 'string' || engines.length === 0 || engines.length > 256) throw fail('engines must be a semver range');
  if (typeof sdkVersion !== 'string' || !SEMVER.test(sdkVersion)) throw fail('sdkVersion must be a semver version');
  if (typeof paramsSchema !== 'object' || paramsSchema === null || Array.isArray(paramsSchema)) throw fail('paramsSchema must be a JSON Schema object');
  try {
    measurePlainData(paramsSchema, MAX_PARAMS_SCHEMA_BYTES, 'paramsSchema');
  } catch (error) {
    if (error instanceof PlainDataError) throw fail(error.message);
    throw error;
  }
  return Object.freeze({
    name,
    version,
    kind: kind as PluginManifest['kind'],
    description,
    engines,
    sdkVersion,
    paramsSchema: paramsSchema as PluginManifest['paramsSchema'],
  });
}
