/**
 * Model, dataset and artifact bytes over plain HTTP, streamed both ways:
 *   PUT  /v1/blobs                 upload (member role): { sha256, sizeBytes, created, uploadReceipt }
 *   GET  /v1/blobs/:sha256         download a blob the team references (bearer token or signed link)
 *   HEAD /v1/blobs/:sha256         the same, headers only
 *   GET  /v1/artifacts/:id         download a run artifact of the team (bearer token)
 *
 * Threat model (trust boundary 1): uploads are capped while streaming (Content-Length is checked
 * first; a lying or absent length is cut off by the blob store at the cap and leaves nothing);
 * the sha256 is computed server-side (a client's X-Content-Sha256 is only compared). Blobs are
 * shared by content, so reads are scoped by reference: a team reads a blob only when one of its
 * models, datasets, artifacts or visible plugin bundles names it, and anything else is NOT_FOUND
 * (existence never leaks). Uploading gives the team a receipt, not read access. State-changing
 * requests must not be simple cross-site requests (csrf.ts). Addresses are validated before they
 * reach the store. Downloads are attachments under a Content-Security-Policy with no script
 * source and a sandbox: the HTML report (served as text/html by the artifact route) embeds
 * strings from plugins and users, escaped when rendered; the policy is the second wall.
 * Tests: test/blob-routes.test.ts, test/team-isolation.test.ts, test/runs.test.ts.
 */
import { Router, type Request, type Response } from 'express';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { BlobStore, Database } from '@edgepress/db';
import type { RequestAuthenticator } from '../auth/request-authenticator';
import { requirePermission } from '../auth/roles';
import type { LinkSigner } from '../auth/signed-links';
import { artifactFile } from '../services/artifact-files';
import { rejectSimpleRequests } from './csrf';
import { locals } from './request-id';
import { sendError } from './send-error';

export interface BlobRouteOptions {
  db: Pick<Database, 'blobReferences' | 'artifacts'>;
  blobs: BlobStore;
  authenticator: RequestAuthenticator;
  signer: LinkSigner;
  maxUploadBytes: number;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Every download: nothing may load or run, and a page is sandboxed (no scripts, unique origin).
 * Inline styles stay allowed so that the HTML report renders when opened.
 */
export const DOWNLOAD_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

function notFound(): EdgepressError {
  return new EdgepressError(ErrorCode.NOT_FOUND, 'No blob with this address is visible to this team', { details: { entity: 'blob' } });
}

export function clientAddress(req: Request): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/** A file name safe for Content-Disposition: printable ASCII without quotes or separators. */
function attachmentName(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return null;
  const safe = value.replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, 120).trim();
  return safe.length > 0 ? safe : null;
}

export function blobRoutes(options: BlobRouteOptions): Router {
  const { db, blobs, authenticator, signer, maxUploadBytes } = options;
  const router = Router();

  router.put('/v1/blobs', rejectSimpleRequests, async (req, res) => {
    try {
      const viewer = await authenticator.authenticate(req.headers.authorization, clientAddress(req));
      requirePermission(viewer, 'upload');
      const declared = req.headers['content-length'];
      if (declared !== undefined && Number(declared) > maxUploadBytes) {
        throw new EdgepressError(ErrorCode.RESOURCE_EXHAUSTED, `The upload is ${declared} bytes; at most ${maxUploadBytes} are accepted`, {
          details: { limit: maxUploadBytes },
        });
      }
      const claimed = req.headers['x-content-sha256'];
      const result = await blobs.put(req, {
        maxBytes: maxUploadBytes,
        expectedSha256: typeof claimed === 'string' ? claimed.toLowerCase() : undefined,
      });
      locals(res).log.info({ sha256: result.sha256, sizeBytes: result.sizeBytes, created: result.created }, 'blob uploaded');
      res.status(result.created ? 201 : 200).json({ ...result, uploadReceipt: signer.uploadReceipt(viewer.teamId, result.sha256) });
    } catch (error) {
      // The body may still be arriving: do not wait for it.
      res.setHeader('Connection', 'close');
      sendError(res, error);
    }
  });

  const download = async (req: Request, res: Response, sha256: string, teamId: string, filename: unknown, contentType = 'application/octet-stream') => {
    if (!SHA256.test(sha256) || !(await db.blobReferences.isVisibleToTeam(teamId, sha256))) throw notFound();
    const info = await blobs.stat(sha256);
    if (!info) throw notFound();
    res.setHeader('Content-Type', contentType);
    res.setHeader('Content-Security-Policy', DOWNLOAD_CSP);
    res.setHeader('Content-Length', String(info.sizeBytes));
    res.setHeader('ETag', `"${sha256}"`);
    res.setHeader('Cache-Control', 'private, max-age=0');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const name = attachmentName(filename);
    res.setHeader('Content-Disposition', name ? `attachment; filename="${name}"` : 'attachment');
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = await blobs.get(sha256);
    stream.on('error', (error) => {
      locals(res).log.error({ err: error, sha256 }, 'blob stream failed');
      res.destroy();
    });
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  };

  /** The team a blob request speaks for: the bearer token's, or a signed link's. */
  const teamOf = async (req: Request): Promise<string> => {
    if (req.headers.authorization === undefined && typeof req.query.signature === 'string') {
      const team = signer.verifyDownload(req.query as Record<string, unknown>, req.params.sha256 as string);
      if (!team) throw new EdgepressError(ErrorCode.UNAUTHENTICATED, 'The download link is invalid or has expired; ask the API for a new downloadUrl');
      return team;
    }
    return (await authenticator.authenticate(req.headers.authorization, clientAddress(req))).teamId;
  };

  const getBlob = async (req: Request, res: Response) => {
    try {
      const teamId = await teamOf(req);
      await download(req, res, req.params.sha256 as string, teamId, req.query.filename);
    } catch (error) {
      sendError(res, error);
    }
  };
  router.get('/v1/blobs/:sha256', getBlob);
  router.head('/v1/blobs/:sha256', getBlob);

  router.get('/v1/artifacts/:id', async (req, res) => {
    try {
      const viewer = await authenticator.authenticate(req.headers.authorization, clientAddress(req));
      const artifact = await db.artifacts.get(viewer.teamId, req.params.id);
      const file = artifactFile(artifact);
      await download(req, res, artifact.blobSha256, viewer.teamId, file.filename, file.contentType);
    } catch (error) {
      sendError(res, error);
    }
  });

  return router;
}
