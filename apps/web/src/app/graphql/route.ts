import { forwardToGateway } from '../../server/gateway-proxy';

export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return forwardToGateway(request, '/graphql', 'graphql');
}

export function GET(request: Request): Promise<Response> {
  return forwardToGateway(request, '/graphql', 'graphql');
}
