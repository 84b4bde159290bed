/**
 * Whether a team may attach an existing blob to a new model or dataset.
 *
 * Threat model: blobs are shared by content, so a team that knows (or guesses from a public source)
 * another team's model hash must not be able to claim those bytes by registering them. A team may
 * claim a blob when it presents the upload receipt PUT /v1/blobs gave it for that hash, or when
 * one of its rows already references the blob (e.g. registering a run's output as a new model).
 * Both failures answer NOT_FOUND, like a blob that does not exist, so existence never leaks.
 * Tests: test/team-isolation.test.ts (registerModel with another team's hash), test/models.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { GatewayContext } from '../context';

export async function requireClaimableBlob(ctx: GatewayContext, sha256: string, receipt: string | null | undefined, field: string): Promise<number> {
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected 64 lower-case hex characters (a sha256) for ${field}`, { details: { field } });
  }
  const { viewer, services } = ctx;
  const receipted = typeof receipt === 'string' && services.signer.verifyUploadReceipt(receipt, viewer.teamId, sha256);
  const allowed = receipted || (await services.db.blobReferences.isVisibleToTeam(viewer.teamId, sha256));
  const info = allowed ? await services.blobs.stat(sha256) : null;
  if (!info) {
    throw new EdgepressError(
      ErrorCode.NOT_FOUND,
      `No uploaded blob ${sha256} for this team: upload the bytes with PUT /v1/blobs and pass the sha256 and uploadReceipt it returns`,
      { details: { entity: 'blob', field } },
    );
  }
  return info.sizeBytes;
}
