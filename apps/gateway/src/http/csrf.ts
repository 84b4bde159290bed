/**
 * CSRF prevention for the blob routes (Apollo Server's own csrfPrevention covers /graphql).
 *
 * Threat model: a page on another origin makes the user's browser send a request the page cannot
 * read but that changes state. Browsers send such requests without a CORS preflight only when they
 * are "simple": GET/HEAD/POST with no custom header and a content type of text/plain,
 * multipart/form-data or application/x-www-form-urlencoded. The gateway never uses cookies, so an
 * attacker's request carries no credential; on top of that, a state-changing blob request must
 * carry the Authorization header or a non-simple content type, either of which forces a preflight
 * the gateway never grants (it sends no CORS headers).
 * Tests: test/blob-routes.test.ts (form-style upload refused, database and store unchanged).
 */
import type { NextFunction, Request, Response } from 'express';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { sendError } from './send-error';

const SIMPLE_CONTENT_TYPES = ['text/plain', 'multipart/form-data', 'application/x-www-form-urlencoded'];

export function isSimpleRequest(req: Request): boolean {
  if (req.headers.authorization !== undefined) return false;
  const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return contentType === '' || SIMPLE_CONTENT_TYPES.includes(contentType);
}

export function rejectSimpleRequests(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD' || !isSimpleRequest(req)) {
    next();
    return;
  }
  sendError(
    res,
    new EdgepressError(
      ErrorCode.BAD_USER_INPUT,
      'This request looks like a cross-site form submission: send the Authorization header and a Content-Type such as application/octet-stream',
      { details: { reason: 'CSRF' } },
    ),
  );
}
