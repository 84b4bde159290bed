/**
 * Errors from the gateway as the console sees them: the public code (extensions.code), the
 * message written for people, and the safe details (e.g. `field` and `issues` of BAD_USER_INPUT).
 * Network failures and a console that is not connected to a gateway become UNAVAILABLE.
 */

export interface GraphQLErrorShape {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface FieldIssue {
  path: string;
  message: string;
}

export class GatewayError extends Error {
  override readonly name = 'GatewayError';

  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** Every error of the response (the first one is this error). */
    readonly all: readonly GraphQLErrorShape[] = [],
  ) {
    super(message);
  }

  static fromGraphQL(errors: readonly GraphQLErrorShape[]): GatewayError {
    const first = errors[0] ?? { message: 'The gateway answered with an empty error list' };
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL';
    const details = isRecord(first.extensions?.details) ? first.extensions.details : {};
    const retryAfter = first.extensions?.retryAfterSeconds;
    return new GatewayError(code, first.message, typeof retryAfter === 'number' ? { retryAfterSeconds: retryAfter, ...details } : details, errors);
  }

  /** The dotted field the gateway named (`input.spec.stages.0.params`), normalised from `a[0].b`. */
  get field(): string | null {
    return typeof this.details.field === 'string' ? normaliseFieldPath(this.details.field) : null;
  }

  /** Per-field issues of the error: `details.issues` (paths relative to `field`), or the field itself. */
  get issues(): FieldIssue[] {
    const issues = Array.isArray(this.details.issues) ? this.details.issues : [];
    const parsed = issues.flatMap((issue) =>
      isRecord(issue) && typeof issue.path === 'string' && typeof issue.message === 'string' ? [{ path: normaliseFieldPath(issue.path), message: issue.message }] : [],
    );
    return parsed;
  }
}

export function normaliseFieldPath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') return new GatewayError('CANCELLED', 'The request was cancelled');
  return new GatewayError('UNAVAILABLE', 'The gateway could not be reached', { cause: error instanceof Error ? error.message : String(error) });
}

export interface ErrorAdvice {
  title: string;
  /** What to do next, in one or two sentences. */
  action: string;
  /** Where the action happens, when it is a page of the console. */
  href?: string;
  linkText?: string;
}

/** What an error means for the person in front of the console, and what they can do about it. */
export function adviceFor(error: GatewayError): ErrorAdvice {
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return {
        title: 'The gateway did not accept your token',
        action: 'It may have been revoked, have expired or been mistyped. Sign in again with a valid team token.',
        href: '/sign-in',
        linkText: 'Sign in',
      };
    case 'FORBIDDEN':
      return { title: 'Your token may not do this', action: `${error.message}. Ask an admin of the team for a token with a role that allows it.` };
    case 'NOT_FOUND':
      return { title: 'Not found', action: `${error.message}. It may have been deleted, or it belongs to another team: switch teams or go back to the list.` };
    case 'RATE_LIMITED': {
      const wait = typeof error.details.retryAfterSeconds === 'number' ? ` in ${error.details.retryAfterSeconds} s` : ' in a few seconds';
      return { title: 'Too many requests', action: `The gateway limits requests per token. Retry${wait}.` };
    }
    case 'UNAVAILABLE':
      return {
        title: 'The gateway is not reachable',
        action: `${error.message}. Check that the platform runs (npm start) and that the console's EDGEPRESS_GATEWAY_URL points at it, then retry.`,
      };
    case 'BAD_USER_INPUT':
      return { title: 'The gateway refused the input', action: error.message };
    case 'CONFLICT':
      return { title: 'Conflict', action: error.message };
    default:
      return { title: 'Something failed on the gateway', action: `${error.message}. Retry; if it keeps failing, the gateway's log has the details.` };
  }
}
