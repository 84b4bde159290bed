/**
 * Checks of what a caller hands to runPluginStage / inspectPluginBundle, before any sandbox starts:
 * params and target must be plain data of modest size (they are copied into the isolate).
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { PluginTarget } from '@edgepress/plugin-sdk';
import { canonicalJson } from '../bundle/canonical-json';
import { validateManifest } from '../bundle/manifest-shape';
import type { PluginBundle } from '../bundle/plugin-bundle';
import { measurePlainData, PlainDataError } from '../wire/plain-data';

const MAX_INPUT_BYTES = 1024 * 1024;

function checkPlain(value: unknown, name: string): void {
  try {
    measurePlainData(value, MAX_INPUT_BYTES, name);
  } catch (error) {
    if (error instanceof PlainDataError) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected plain data for ${name}: ${error.message}`);
    throw error;
  }
}

export function checkParams(params: unknown): void {
  checkPlain(params, 'params');
}

export function checkTarget(target: unknown, required: boolean): PluginTarget | undefined {
  if (target === undefined && !required) return undefined;
  if (typeof target !== 'object' || target === null || typeof (target as { id?: unknown }).id !== 'string') {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected a PluginTarget with an id for target but received ${target === null ? 'null' : typeof target}`);
  }
  checkPlain(target, 'target');
  return target as PluginTarget;
}

export function checkCalibrationBatches(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected a non-negative integer for calibrationBatches but received ${String(value)}`);
  }
  return value;
}

export function checkCallback(value: unknown, name: string): void {
  if (value !== undefined && typeof value !== 'function') {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected a function for ${name} but received ${typeof value}`);
  }
}

/** The code must register exactly the manifest the bundle was hashed with. */
export function checkRegisteredManifest(manifestJson: string, bundle: PluginBundle, label: string): void {
  let registered: unknown;
  try {
    registered = JSON.parse(manifestJson);
  } catch {
    throw new EdgepressError(ErrorCode.PLUGIN_FAILED, `Plugin ${label}: its code reported a manifest that is not JSON`);
  }
  const manifest = validateManifest(registered, `Plugin ${label}: the manifest its code registers`);
  if (canonicalJson(manifest) !== canonicalJson(bundle.manifest)) {
    throw new EdgepressError(ErrorCode.PLUGIN_FAILED, `Plugin ${label}: its code registers a manifest that differs from the bundle's manifest`);
  }
}

export function bundleLabel(bundle: PluginBundle): string {
  return `${bundle.manifest.name}@${bundle.manifest.version}`;
}
