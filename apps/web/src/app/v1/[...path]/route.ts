import { blobRoutePath, errorResponse, forwardToGateway } from '../../../server/gateway-proxy';

export const dynamic = 'force-dynamic';

interface Context {
  params: Promise<{ path: string[] }>;
}

async function forward(request: Request, context: Context): Promise<Response> {
  const { path } = await context.params;
  const gatewayPath = blobRoutePath(path);
  if (gatewayPath === null) return errorResponse(404, 'NOT_FOUND', 'No such route: the console forwards /v1/blobs, /v1/blobs/<sha256> and /v1/artifacts/<id>', 'rest');
  return forwardToGateway(request, gatewayPath, 'rest');
}

export const GET = forward;
export const HEAD = forward;
export const PUT = forward;
