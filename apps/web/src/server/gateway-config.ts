/**
 * Where the gateway is, read from the environment when a request arrives (never baked in at
 * build time, so one build serves any gateway):
 *   EDGEPRESS_GATEWAY_URL     http(s)://host:port the console's server forwards /graphql and /v1/* to
 *   EDGEPRESS_GATEWAY_WS_URL  ws(s)://host:port/graphql the browser opens for live updates
 *                             (default: EDGEPRESS_GATEWAY_URL with ws(s): and /graphql)
 * Tests: gateway-config.test.ts.
 */

export interface GatewayAddress {
  httpUrl: string;
  wsUrl: string;
}

export type GatewayConfigResult = { ok: true; address: GatewayAddress } | { ok: false; problem: string };

function parseUrl(value: string, protocols: readonly string[]): URL | null {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.username === '' && url.password === '' && url.search === '' && url.hash === '' ? url : null;
  } catch {
    return null;
  }
}

export function readGatewayConfig(env: Record<string, string | undefined>): GatewayConfigResult {
  const raw = env.EDGEPRESS_GATEWAY_URL?.trim();
  if (!raw) return { ok: false, problem: 'EDGEPRESS_GATEWAY_URL is not set: start the console with the gateway address, e.g. EDGEPRESS_GATEWAY_URL=http://127.0.0.1:4000' };
  const http = parseUrl(raw, ['http:', 'https:']);
  if (!http) return { ok: false, problem: `EDGEPRESS_GATEWAY_URL must be an http(s):// URL without credentials, query or fragment, but it is ${JSON.stringify(raw.slice(0, 100))}` };
  const base = http.href.replace(/\/+$/, '');
  const wsRaw = env.EDGEPRESS_GATEWAY_WS_URL?.trim();
  let wsUrl: string;
  if (wsRaw) {
    const ws = parseUrl(wsRaw, ['ws:', 'wss:']);
    if (!ws) return { ok: false, problem: `EDGEPRESS_GATEWAY_WS_URL must be a ws(s):// URL without credentials, query or fragment, but it is ${JSON.stringify(wsRaw.slice(0, 100))}` };
    wsUrl = ws.href;
  } else {
    wsUrl = `${base.replace(/^http/, 'ws')}/graphql`;
  }
  return { ok: true, address: { httpUrl: base, wsUrl } };
}
