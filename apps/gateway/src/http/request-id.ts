import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Per-request values kept on res.locals. */
export interface RequestLocals {
  requestId: string;
  log: Logger;
}

export function locals(res: Response): RequestLocals {
  return res.locals as RequestLocals;
}

/**
 * Gives every request an id (the client's X-Request-Id when it is a short token, else a UUID),
 * echoes it in the response, and a child logger that carries it, so a masked error a client
 * reports can be found in the logs.
 */
export function requestIdMiddleware(log: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const offered = req.headers['x-request-id'];
    const requestId = typeof offered === 'string' && CLIENT_REQUEST_ID.test(offered) ? offered : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    res.locals.requestId = requestId;
    res.locals.log = log.child({ requestId });
    next();
  };
}
