/**
 * Short-lived HMAC signatures for two capabilities that must not need a database table:
 * - upload receipts: PUT /v1/blobs returns one for (team, sha256); registerModel/registerDataset
 *   need it (or a blob the team already references) before a team may claim a blob;
 * - download links: a URL that a browser can follow without an Authorization header
 *   (`<a href download>`), for one team and one blob.
 *
 * Threat model: blobs are content-addressed and shared by all teams, so knowing a sha256 must not
 * be enough to read another team's bytes (registering someone else's model by its hash, or
 * downloading it). A receipt or link is bound to the team id, the sha256 and an expiry by an
 * HMAC-SHA256 under the gateway's secret; it is compared in constant time. Gateways behind one load
 * balancer must share the secret (EDGEPRESS_GATEWAY_SECRET); the default is random per process.
 * Download links are re-checked against the team's blob references when used.
 * Tests: signed-links.test.ts, test/team-isolation.test.ts, test/blob-routes.test.ts.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface SignedDownload {
  team: string;
  expires: number;
  signature: string;
}

export class LinkSigner {
  private readonly key: Buffer;

  constructor(
    secret: string | Buffer | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.key = secret === undefined ? randomBytes(32) : Buffer.from(secret);
    if (this.key.length < 16) throw new Error('The gateway signing secret must be at least 16 bytes');
  }

  /** `<expiresAtSeconds>.<signature>`, valid for ttlSeconds. */
  uploadReceipt(teamId: string, sha256: string, ttlSeconds = 24 * 3600): string {
    const expires = Math.floor(this.now() / 1000) + ttlSeconds;
    return `${expires}.${this.sign('upload', teamId, sha256, expires)}`;
  }

  verifyUploadReceipt(receipt: string, teamId: string, sha256: string): boolean {
    const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(receipt);
    if (!match) return false;
    return this.check('upload', teamId, sha256, Number(match[1]), match[2]);
  }

  download(teamId: string, sha256: string, ttlSeconds = 3600): SignedDownload {
    const expires = Math.floor(this.now() / 1000) + ttlSeconds;
    return { team: teamId, expires, signature: this.sign('download', teamId, sha256, expires) };
  }

  verifyDownload(link: { team?: unknown; expires?: unknown; signature?: unknown }, sha256: string): string | null {
    const { team, expires, signature } = link;
    if (typeof team !== 'string' || typeof expires !== 'string' || typeof signature !== 'string') return null;
    if (!/^\d{1,12}$/.test(expires) || team.length > 64) return null;
    return this.check('download', team, sha256, Number(expires), signature) ? team : null;
  }

  private check(purpose: string, teamId: string, sha256: string, expires: number, signature: string): boolean {
    if (expires * 1000 < this.now()) return false;
    const expected = Buffer.from(this.sign(purpose, teamId, sha256, expires));
    const presented = Buffer.from(signature);
    return presented.length === expected.length && timingSafeEqual(presented, expected);
  }

  private sign(purpose: string, teamId: string, sha256: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${purpose}\n${teamId}\n${sha256}\n${expires}`).digest('base64url');
  }
}

/** The download path of a blob with a signed query string (relative to the gateway's origin). */
export function signedDownloadPath(signer: LinkSigner, teamId: string, sha256: string, filename?: string): string {
  const link = signer.download(teamId, sha256);
  const query = new URLSearchParams({ team: link.team, expires: String(link.expires), signature: link.signature });
  if (filename) query.set('filename', filename);
  return `/v1/blobs/${sha256}?${query.toString()}`;
}
