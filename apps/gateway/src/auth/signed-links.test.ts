import { LinkSigner } from './signed-links';

const TEAM_A = '11111111-1111-4111-8111-111111111111';
const TEAM_B = '22222222-2222-4222-8222-222222222222';
const SHA = 'a'.repeat(64);
const OTHER_SHA = 'b'.repeat(64);

describe('LinkSigner', () => {
  it('binds an upload receipt to the team and the hash, until it expires', () => {
    let now = 1_000_000_000_000;
    const signer = new LinkSigner('secret-of-sixteen+', () => now);
    const receipt = signer.uploadReceipt(TEAM_A, SHA, 60);
    expect(signer.verifyUploadReceipt(receipt, TEAM_A, SHA)).toBe(true);
    expect(signer.verifyUploadReceipt(receipt, TEAM_B, SHA)).toBe(false);
    expect(signer.verifyUploadReceipt(receipt, TEAM_A, OTHER_SHA)).toBe(false);
    expect(new LinkSigner('another-secret-123').verifyUploadReceipt(receipt, TEAM_A, SHA)).toBe(false);
    const [expires, mac] = receipt.split('.');
    expect(signer.verifyUploadReceipt(`${Number(expires) + 3600}.${mac}`, TEAM_A, SHA)).toBe(false);
    expect(signer.verifyUploadReceipt('garbage', TEAM_A, SHA)).toBe(false);
    now += 61_000;
    expect(signer.verifyUploadReceipt(receipt, TEAM_A, SHA)).toBe(false);
  });

  it('never accepts an upload receipt as a download link or the other way round', () => {
    const signer = new LinkSigner('secret-of-sixteen+');
    const link = signer.download(TEAM_A, SHA);
    const query = { team: link.team, expires: String(link.expires), signature: link.signature };
    expect(signer.verifyDownload(query, SHA)).toBe(TEAM_A);
    expect(signer.verifyDownload({ ...query, team: TEAM_B }, SHA)).toBeNull();
    expect(signer.verifyDownload(query, OTHER_SHA)).toBeNull();
    expect(signer.verifyUploadReceipt(`${link.expires}.${link.signature}`, TEAM_A, SHA)).toBe(false);
    expect(signer.verifyDownload({ team: TEAM_A, expires: '1', signature: link.signature }, SHA)).toBeNull();
  });

  it('refuses short secrets', () => {
    expect(() => new LinkSigner('short')).toThrow(/at least 16 bytes/);
  });
});
