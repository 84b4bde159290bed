/**
 * RegisterSharedRegion and UnregisterSharedRegion (unary). Like every call, they must carry a
 * deadline; without a registry (shared memory off) registration answers CONSTRAINT_NOT_MET
 * (FAILED_PRECONDITION), which tells the client to stream instead. The checks themselves live in
 * SharedRegionRegistry (shared-regions.ts).
 * Tests: shared-memory.test.ts, apps/kernel-server/test/shared-memory.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type { RegisterSharedRegionRequest__Output } from '../gen/edgepress/kernels/v1/RegisterSharedRegionRequest';
import type { RegisterSharedRegionResponse } from '../gen/edgepress/kernels/v1/RegisterSharedRegionResponse';
import type { UnregisterSharedRegionRequest__Output } from '../gen/edgepress/kernels/v1/UnregisterSharedRegionRequest';
import type { UnregisterSharedRegionResponse } from '../gen/edgepress/kernels/v1/UnregisterSharedRegionResponse';
import { toGrpcStatus } from '../status';
import { MISSING_DEADLINE, type CallLogger } from './operator-handler';
import type { SharedRegionRegistry } from './shared-regions';

const OFF = new EdgepressError(ErrorCode.CONSTRAINT_NOT_MET, 'This kernel server does not offer shared memory; stream the tensors instead');

function hasDeadline(call: ServerUnaryCall<unknown, unknown>): boolean {
  const deadline = call.getDeadline();
  return Number.isFinite(deadline instanceof Date ? deadline.getTime() : Number(deadline));
}

function unary<Req, Res>(rpc: string, logger: CallLogger, body: (request: Req, peer: string) => Res) {
  return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>): void => {
    try {
      if (!hasDeadline(call as ServerUnaryCall<unknown, unknown>)) throw MISSING_DEADLINE;
      callback(null, body(call.request, call.getPeer()));
    } catch (error) {
      const status = toGrpcStatus(error);
      logger.warn({ rpc, code: status.code, details: status.details }, 'shared-memory call failed');
      callback(status);
    }
  };
}

export function sharedMemoryHandlers(registry: SharedRegionRegistry | undefined, logger: CallLogger) {
  return {
    RegisterSharedRegion: unary<RegisterSharedRegionRequest__Output, RegisterSharedRegionResponse>('RegisterSharedRegion', logger, (request, peer) => {
      if (registry === undefined) throw OFF;
      const h = request.handle;
      const regionId = registry.register(h === null ? undefined : { pid: h.pid, fd: h.fd, tag: h.tag, byteLength: h.byteLength }, peer);
      logger.info({ regionId, bytes: h?.byteLength, pid: h?.pid }, 'shared region registered');
      return { regionId };
    }),
    UnregisterSharedRegion: unary<UnregisterSharedRegionRequest__Output, UnregisterSharedRegionResponse>('UnregisterSharedRegion', logger, (request) => {
      if (registry === undefined) throw OFF;
      registry.unregister(request.regionId);
      return {};
    }),
  };
}
