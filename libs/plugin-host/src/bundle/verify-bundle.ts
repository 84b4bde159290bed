/**
 * Bundle verification, run before any sandbox process starts. Threat model: a bundle file is
 * attacker-controlled bytes (uploaded, stored, fetched from the marketplace); its code or manifest
 * may have been changed after it was built or signed. The hash catches changes made without
 * rehashing; signatures by trusted keys catch everything else. Tests: verify-bundle.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { computeBundleHash, validatePluginBundleShape, type PluginBundle } from './plugin-bundle';
import { verifySignature, type KeyInput } from './sign-bundle';

export interface VerifyBundleOptions {
  /** Public keys by key id. Signatures by other key ids are ignored. */
  readonly trustedKeys?: Readonly<Record<string, KeyInput>>;
  /** Refuse a bundle that no trusted key signed (marketplace bundles). */
  readonly requireSignature?: boolean;
}

export interface VerifiedBundle {
  readonly bundle: PluginBundle;
  /** Trusted key ids whose signatures verified. */
  readonly signedBy: readonly string[];
}

export function verifyPluginBundle(value: PluginBundle, options: VerifyBundleOptions = {}): VerifiedBundle {
  const bundle = validatePluginBundleShape(value);
  const label = `${bundle.manifest.name}@${bundle.manifest.version}`;
  const actual = computeBundleHash(bundle.manifest, bundle.code);
  if (actual !== bundle.sha256) {
    throw new EdgepressError(
      ErrorCode.BAD_USER_INPUT,
      `Plugin bundle ${label} was modified after it was built: its code and manifest hash to ${actual} but the bundle says ${bundle.sha256}`,
      { details: { expected: bundle.sha256, actual } },
    );
  }
  const trustedKeys = options.trustedKeys ?? {};
  const signedBy: string[] = [];
  for (const signature of bundle.signatures) {
    if (!Object.prototype.hasOwnProperty.call(trustedKeys, signature.keyId)) continue;
    const publicKey = trustedKeys[signature.keyId] as KeyInput;
    if (!verifySignature(bundle.sha256, signature, publicKey)) {
      throw new EdgepressError(ErrorCode.FORBIDDEN, `Plugin bundle ${label} carries a signature by key "${signature.keyId}" that does not verify`);
    }
    signedBy.push(signature.keyId);
  }
  if (options.requireSignature === true && signedBy.length === 0) {
    const present = bundle.signatures.map((s) => s.keyId);
    throw new EdgepressError(
      ErrorCode.FORBIDDEN,
      `Plugin bundle ${label} must be signed by a trusted key (${Object.keys(trustedKeys).join(', ') || 'none configured'}) but is signed by ${present.length > 0 ? `untrusted keys ${present.join(', ')}` : 'no key'}`,
    );
  }
  return Object.freeze({ bundle, signedBy: Object.freeze(signedBy) });
}
