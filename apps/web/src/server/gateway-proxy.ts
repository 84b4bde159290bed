/**
 * The console's same-origin proxy to the gateway: /graphql and /v1/blobs, /v1/artifacts.
 *
 * Why a proxy: the gateway sends no CORS headers (on purpose: a cross-origin page must not be able
 * to call it with a token), so the browser reaches it through the console's own origin.
 * Threat model: the proxy adds no credential of its own: it forwards the caller's Authorization
 * header and content type unchanged, so the gateway's authentication, CSRF prevention (a JSON or
 * octet-stream body forces a preflight) and rate limits apply exactly as for a direct client.
 * Only listed paths and headers pass (no cookies, no hop-by-hop headers); bodies stream both ways
 * (uploads are not buffered here, the gateway enforces its size caps); the upstream request is
 * aborted when the browser goes away. Tests: test/proxy.test.ts.
 */
import { readGatewayConfig } from './gateway-config';

const REQUEST_HEADERS = ['authorization', 'content-type', 'content-length', 'accept', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-content-sha256', 'if-none-match'];
const RESPONSE_HEADERS = ['content-type', 'content-length', 'content-disposition', 'etag', 'cache-control', 'retry-after', 'x-content-type-options', 'x-request-id'];

export type ErrorShape = 'graphql' | 'rest';

export function errorResponse(status: number, code: string, message: string, shape: ErrorShape): Response {
  const body = shape === 'graphql' ? { errors: [{ message, extensions: { code } }] } : { error: { code, message } };
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

export async function forwardToGateway(request: Request, gatewayPath: string, shape: ErrorShape, env: Record<string, string | undefined> = process.env): Promise<Response> {
  const config = readGatewayConfig(env);
  if (!config.ok) return errorResponse(503, 'UNAVAILABLE', `The console is not connected to a gateway: ${config.problem}`, shape);
  const incoming = new URL(request.url);
  const target = `${config.address.httpUrl}${gatewayPath}${incoming.search}`;
  const headers = new Headers();
  for (const name of REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== null;
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: hasBody ? request.body : undefined,
      redirect: 'manual',
      signal: request.signal,
      // Node's fetch needs this to send a streamed body.
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch (error) {
    if (request.signal.aborted) return errorResponse(499, 'CANCELLED', 'The request was cancelled', shape);
    const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    return errorResponse(502, 'UNAVAILABLE', `The gateway at ${config.address.httpUrl} did not answer (${reason})`, shape);
  }
  const responseHeaders = new Headers();
  for (const name of RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null) responseHeaders.set(name, value);
  }
  return new Response(request.method === 'HEAD' ? null : upstream.body, { status: upstream.status, headers: responseHeaders });
}

const SHA256 = /^[0-9a-f]{64}$/;
const ARTIFACT_ID = /^[0-9A-Za-z-]{1,64}$/;

/** The gateway path for /v1/<segments>, or null when the console does not forward it. */
export function blobRoutePath(segments: readonly string[]): string | null {
  if (segments.length === 1 && segments[0] === 'blobs') return '/v1/blobs';
  if (segments.length === 2 && segments[0] === 'blobs' && SHA256.test(segments[1])) return `/v1/blobs/${segments[1]}`;
  if (segments.length === 2 && segments[0] === 'artifacts' && ARTIFACT_ID.test(segments[1])) return `/v1/artifacts/${segments[1]}`;
  return null;
}
