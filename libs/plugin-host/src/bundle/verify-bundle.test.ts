import { generateKeyPairSync } from 'node:crypto';
import { ErrorCode } from '@edgepress/errors';
import type { PluginManifest } from '@edgepress/plugin-sdk';
import { canonicalJson } from './canonical-json';
import { computeBundleHash, parsePluginBundle, PLUGIN_BUNDLE_FORMAT, serializePluginBundle, type PluginBundle } from './plugin-bundle';
import { signPluginBundle } from './sign-bundle';
import { verifyPluginBundle } from './verify-bundle';

const manifest: PluginManifest = {
  name: '@acme/prune-fancy',
  version: '1.0.0',
  kind: 'prune',
  description: 'test',
  engines: '^1.0.0',
  sdkVersion: '1.0.0',
  paramsSchema: { type: 'object', properties: { sparsity: { type: 'number', default: 0.5 } } },
};
const code = 'globalThis.__edgepressSandbox.register({});';
const bundle: PluginBundle = { format: PLUGIN_BUNDLE_FORMAT, manifest, code, sha256: computeBundleHash(manifest, code), signatures: [] };

const marketplace = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');

function expectRefusal(fn: () => unknown, code: string, message: RegExp): void {
  expect(fn).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }));
}

describe('bundle hash', () => {
  it('does not depend on the order of manifest keys, and changes with any byte of code or manifest', () => {
    const reordered = JSON.parse(canonicalJson(manifest)) as PluginManifest;
    expect(computeBundleHash({ ...reordered }, code)).toBe(bundle.sha256);
    expect(computeBundleHash(manifest, `${code} `)).not.toBe(bundle.sha256);
    expect(computeBundleHash({ ...manifest, paramsSchema: { type: 'object' } }, code)).not.toBe(bundle.sha256);
    expect(canonicalJson({ b: 1, a: [true, null, 'x'] })).toBe('{"a":[true,null,"x"],"b":1}');
  });

  it('verifies an untouched bundle and refuses a tampered one', () => {
    expect(verifyPluginBundle(bundle)).toEqual({ bundle, signedBy: [] });
    expectRefusal(() => verifyPluginBundle({ ...bundle, code: code.replace('{}', '{ }') }), ErrorCode.BAD_USER_INPUT, /@acme\/prune-fancy@1\.0\.0 was modified after it was built/);
    expectRefusal(() => verifyPluginBundle({ ...bundle, manifest: { ...manifest, kind: 'quantize' } }), ErrorCode.BAD_USER_INPUT, /was modified/);
  });

  it('round-trips through JSON and refuses malformed bundles', () => {
    expect(parsePluginBundle(serializePluginBundle(bundle))).toEqual(bundle);
    expectRefusal(() => parsePluginBundle('{'), ErrorCode.BAD_USER_INPUT, /not JSON/);
    expectRefusal(() => parsePluginBundle(JSON.stringify({ ...bundle, format: 'v0' })), ErrorCode.BAD_USER_INPUT, /expected format "edgepress-plugin-bundle\/1"/);
    expectRefusal(() => parsePluginBundle(JSON.stringify({ ...bundle, manifest: { ...manifest, name: '../evil' } })), ErrorCode.BAD_USER_INPUT, /manifest: name must be a kebab-case/);
    expectRefusal(() => parsePluginBundle(JSON.stringify({ ...bundle, code: '' })), ErrorCode.BAD_USER_INPUT, /code must be a non-empty string/);
  });
});

describe('marketplace signatures', () => {
  const trustedKeys = { 'marketplace-2026': marketplace.publicKey };

  it('signs the hash with ed25519 and verifies with the trusted key', () => {
    const signed = signPluginBundle(bundle, { keyId: 'marketplace-2026', privateKey: marketplace.privateKey });
    expect(signed.signatures).toEqual([{ keyId: 'marketplace-2026', algorithm: 'ed25519', signature: expect.any(String) }]);
    expect(verifyPluginBundle(signed, { trustedKeys, requireSignature: true }).signedBy).toEqual(['marketplace-2026']);
    const pem = marketplace.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verifyPluginBundle(parsePluginBundle(serializePluginBundle(signed)), { trustedKeys: { 'marketplace-2026': pem }, requireSignature: true }).signedBy).toEqual([
      'marketplace-2026',
    ]);
  });

  it('refuses unsigned bundles, signatures by untrusted keys, and rehashed bundles under an old signature', () => {
    expectRefusal(() => verifyPluginBundle(bundle, { trustedKeys, requireSignature: true }), ErrorCode.FORBIDDEN, /must be signed by a trusted key \(marketplace-2026\) but is signed by no key/);
    const byOther = signPluginBundle(bundle, { keyId: 'someone', privateKey: other.privateKey });
    expectRefusal(() => verifyPluginBundle(byOther, { trustedKeys, requireSignature: true }), ErrorCode.FORBIDDEN, /signed by untrusted keys someone/);
    const forged = signPluginBundle(bundle, { keyId: 'marketplace-2026', privateKey: other.privateKey });
    expectRefusal(() => verifyPluginBundle(forged, { trustedKeys }), ErrorCode.FORBIDDEN, /signature by key "marketplace-2026" that does not verify/);
    const signed = signPluginBundle(bundle, { keyId: 'marketplace-2026', privateKey: marketplace.privateKey });
    const evilCode = `${code}/* evil */`;
    const rehashed = { ...signed, code: evilCode, sha256: computeBundleHash(manifest, evilCode) };
    expectRefusal(() => verifyPluginBundle(rehashed, { trustedKeys, requireSignature: true }), ErrorCode.FORBIDDEN, /does not verify/);
  });

  it('refuses keys that are not ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expectRefusal(() => signPluginBundle(bundle, { keyId: 'k', privateKey: rsa.privateKey }), ErrorCode.BAD_USER_INPUT, /Expected an ed25519 private key for key id "k" but received a rsa private key/);
    expectRefusal(() => signPluginBundle(bundle, { keyId: 'k', privateKey: 'not a pem' }), ErrorCode.BAD_USER_INPUT, /Expected a PEM private key/);
  });
});
