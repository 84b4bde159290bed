import { createHash } from 'node:crypto';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { PluginManifest } from '@edgepress/plugin-sdk';
import { canonicalJson } from './canonical-json';
import { validateManifest } from './manifest-shape';

export const PLUGIN_BUNDLE_FORMAT = 'edgepress-plugin-bundle/1';

/** Bundles larger than this are refused before anything reads their code. */
export const MAX_BUNDLE_CODE_BYTES = 16 * 1024 * 1024;

export interface BundleSignature {
  /** Names the public key that verifies this signature (e.g. "marketplace-2026"). */
  readonly keyId: string;
  readonly algorithm: 'ed25519';
  /** base64 of the ed25519 signature over the bundle's sha256. */
  readonly signature: string;
}

/** One plugin as the host receives it: self-contained code, its manifest, their hash, signatures. */
export interface PluginBundle {
  readonly format: typeof PLUGIN_BUNDLE_FORMAT;
  readonly manifest: PluginManifest;
  /** One self-contained script; running it registers the plugin with the sandbox. */
  readonly code: string;
  /** Hex sha256 over the canonical JSON of { format, manifest, codeSha256 }. */
  readonly sha256: string;
  readonly signatures: readonly BundleSignature[];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

/** The hash that names a bundle: it changes when one byte of the code or anything in the manifest changes. */
export function computeBundleHash(manifest: PluginManifest, code: string): string {
  return sha256Hex(canonicalJson({ format: PLUGIN_BUNDLE_FORMAT, manifest, codeSha256: sha256Hex(code) }));
}

function malformed(what: string): EdgepressError {
  return new EdgepressError(ErrorCode.BAD_USER_INPUT, `Malformed plugin bundle: ${what}`);
}

function validateSignature(value: unknown, index: number): BundleSignature {
  const signature = value as Partial<Record<keyof BundleSignature, unknown>> | null;
  if (typeof signature !== 'object' || signature === null) throw malformed(`signatures[${index}] must be an object`);
  if (typeof signature.keyId !== 'string' || !KEY_ID.test(signature.keyId)) throw malformed(`signatures[${index}].keyId must be a key id such as "marketplace-2026"`);
  if (signature.algorithm !== 'ed25519') throw malformed(`signatures[${index}].algorithm must be "ed25519"`);
  if (typeof signature.signature !== 'string' || signature.signature.length > 200 || !BASE64.test(signature.signature)) {
    throw malformed(`signatures[${index}].signature must be base64`);
  }
  return Object.freeze({ keyId: signature.keyId, algorithm: 'ed25519', signature: signature.signature });
}

/** Checks the shape of a bundle (not its hash: see verifyPluginBundle) and returns a frozen copy. */
export function validatePluginBundleShape(value: unknown): PluginBundle {
  const bundle = value as Partial<Record<keyof PluginBundle, unknown>> | null;
  if (typeof bundle !== 'object' || bundle === null || Array.isArray(bundle)) throw malformed('expected an object');
  if (bundle.format !== PLUGIN_BUNDLE_FORMAT) throw malformed(`expected format "${PLUGIN_BUNDLE_FORMAT}" but received ${JSON.stringify(bundle.format) ?? 'nothing'}`);
  if (typeof bundle.code !== 'string' || bundle.code.length === 0) throw malformed('code must be a non-empty string');
  if (Buffer.byteLength(bundle.code, 'utf8') > MAX_BUNDLE_CODE_BYTES) throw malformed(`code is larger than ${MAX_BUNDLE_CODE_BYTES} bytes`);
  if (typeof bundle.sha256 !== 'string' || !SHA256_HEX.test(bundle.sha256)) throw malformed('sha256 must be 64 lowercase hex digits');
  const signatures = bundle.signatures ?? [];
  if (!Array.isArray(signatures) || signatures.length > 16) throw malformed('signatures must be an array of at most 16 signatures');
  return Object.freeze({
    format: PLUGIN_BUNDLE_FORMAT,
    manifest: validateManifest(bundle.manifest, 'Malformed plugin bundle: manifest'),
    code: bundle.code,
    sha256: bundle.sha256,
    signatures: Object.freeze(signatures.map(validateSignature)),
  });
}

/** One JSON document per bundle: what is stored, uploaded to the marketplace and loaded by workers. */
export function serializePluginBundle(bundle: PluginBundle): string {
  const checked = validatePluginBundleShape(bundle);
  return `${JSON.stringify(checked, null, 2)}\n`;
}

export function parsePluginBundle(json: string): PluginBundle {
  if (typeof json !== 'string') throw malformed('expected JSON text');
  if (json.length > MAX_BUNDLE_CODE_BYTES * 2) throw malformed(`the file is larger than ${MAX_BUNDLE_CODE_BYTES * 2} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Malformed plugin bundle: not JSON (${(cause as Error).message})`);
  }
  return validatePluginBundleShape(value);
}
