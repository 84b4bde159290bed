/**
 * Marketplace signatures: ed25519 over the bundle's sha256 (which already covers code and
 * manifest), named by a key id so that keys can rotate. The signed bytes carry the format name so
 * that a signature cannot be replayed as a signature over anything else.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { PLUGIN_BUNDLE_FORMAT, validatePluginBundleShape, type BundleSignature, type PluginBundle } from './plugin-bundle';

/** A key as a KeyObject or PEM text. */
export type KeyInput = KeyObject | string;

export function signedBytes(sha256: string): Buffer {
  return Buffer.from(`${PLUGIN_BUNDLE_FORMAT}:sha256:${sha256}`, 'utf8');
}

function ed25519Key(input: KeyInput, kind: 'private' | 'public', keyId: string): KeyObject {
  let key: KeyObject;
  try {
    key = typeof input === 'string' ? (kind === 'private' ? createPrivateKey(input) : createPublicKey(input)) : input;
  } catch {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected a PEM ${kind} key for key id "${keyId}" but it could not be read`);
  }
  if (key.type !== kind || key.asymmetricKeyType !== 'ed25519') {
    throw new EdgepressError(
      ErrorCode.BAD_USER_INPUT,
      `Expected an ed25519 ${kind} key for key id "${keyId}" but received a ${key.asymmetricKeyType ?? 'symmetric'} ${key.type} key`,
    );
  }
  return key;
}

export interface SignBundleOptions {
  readonly keyId: string;
  readonly privateKey: KeyInput;
}

/** Returns the bundle with a signature by `keyId` (replacing an earlier signature by the same key). */
export function signPluginBundle(bundle: PluginBundle, options: SignBundleOptions): PluginBundle {
  const checked = validatePluginBundleShape(bundle);
  const key = ed25519Key(options.privateKey, 'private', options.keyId);
  const signature: BundleSignature = {
    keyId: options.keyId,
    algorithm: 'ed25519',
    signature: sign(null, signedBytes(checked.sha256), key).toString('base64'),
  };
  return validatePluginBundleShape({ ...checked, signatures: [...checked.signatures.filter((s) => s.keyId !== options.keyId), signature] });
}

/** Verifies one signature with a trusted public key. */
export function verifySignature(sha256: string, signature: BundleSignature, publicKey: KeyInput): boolean {
  const key = ed25519Key(publicKey, 'public', signature.keyId);
  return verify(null, signedBytes(sha256), key, Buffer.from(signature.signature, 'base64'));
}
