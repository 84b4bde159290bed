import { readGatewayConfig } from '../../server/gateway-config';

export const dynamic = 'force-dynamic';

/** For the launcher and tests: the console serves, and whether it knows its gateway. */
export function GET(): Response {
  const config = readGatewayConfig(process.env);
  return Response.json({ ok: true, gateway: config.ok ? config.address.httpUrl : null, problem: config.ok ? null : config.problem }, { headers: { 'cache-control': 'no-store' } });
}
