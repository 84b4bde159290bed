import type { Response } from 'express';
import { toEdgepressError, type EdgepressError } from '@edgepress/errors';
import { needsLogging } from '../errors/format-error';
import { locals } from './request-id';

/** The public form of an error for the plain HTTP routes: `{ error: { code, message, details? } }`. */
export function sendError(res: Response, error: unknown, shape: 'rest' | 'graphql' = 'rest'): void {
  const public_ = toEdgepressError(error);
  if (needsLogging(error)) locals(res).log?.error({ err: error, code: public_.code }, 'request failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const retryAfter = public_.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
  res.status(public_.httpStatus);
  res.json(shape === 'graphql' ? { errors: [{ message: public_.message, extensions: extensionsOf(public_) }] } : { error: { ...extensionsOf(public_), message: public_.message } });
}

function extensionsOf(error: EdgepressError): Record<string, unknown> {
  return error.details === undefined ? { code: error.code } : { code: error.code, details: error.details };
}
