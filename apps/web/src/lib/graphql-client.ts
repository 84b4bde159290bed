/**
 * GraphQL over HTTP from the browser, through the console's same-origin proxy (/graphql, see
 * src/server/gateway-proxy.ts). The team token travels in the Authorization header, never in a
 * cookie, so a cross-site page cannot make a browser send it; the JSON content type keeps the
 * gateway's CSRF prevention satisfied without extra headers.
 */
import type { TypedDocumentString } from '../gen/graphql';
import { GatewayError, isRecord, type GraphQLErrorShape } from './gateway-error';

export interface RequestOptions {
  token: string | null;
  signal?: AbortSignal;
  /** Where /graphql lives (default: this origin). */
  endpoint?: string;
}

export async function executeGraphQL<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: RequestOptions,
): Promise<TResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(options.endpoint ?? '/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    signal: options.signal,
    cache: 'no-store',
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new GatewayError('UNAVAILABLE', `The gateway answered HTTP ${response.status} without a GraphQL response`);
  }
  if (!isRecord(body)) throw new GatewayError('UNAVAILABLE', `The gateway answered HTTP ${response.status} without a GraphQL response`);
  const errors = Array.isArray(body.errors) ? (body.errors as GraphQLErrorShape[]) : [];
  if (errors.length > 0) throw GatewayError.fromGraphQL(errors);
  if (!isRecord(body.data)) throw new GatewayError('INTERNAL', `The gateway answered HTTP ${response.status} without data`);
  return body.data as TResult;
}
