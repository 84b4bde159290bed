/**
 * The client's side of the same-host shared-memory transport. A client creates regions
 * (createSharedRegion); tensors whose bytes lie in one travel as references, and a call made
 * through withSharedOutput(range) gets its results written into that range. Each region is
 * registered with a server the first time a call goes there; a server that answers
 * FAILED_PRECONDITION or UNIMPLEMENTED (another host, an older server, shared memory off) is
 * remembered, and calls to it stream as before (RESOURCE_EXHAUSTED, a server at its region cap,
 * makes only that call stream).
 *
 * The native helper (kernels-native's shared-memory module) is loaded only when the first
 * region is created, so a client that never asks for shared memory never loads the addon.
 * Results in shared memory are checked like any server reply: a reference must point inside the
 * output range this call asked for (INVALID_ARGUMENT otherwise).
 * Tests: shared-memory.test.ts, client-entry.test.ts, apps/kernel-server/test/shared-memory.test.ts.
 */
import * as grpc from '@grpc/grpc-js';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { SharedRegion } from '@edgepress/kernels-native';
import { kernelsServiceDefinition } from '../proto';
import { fromCallError } from '../status';
import { UNKNOWN_REGION_TEXT, type SharedPlacement, type SharedResolver } from '../wire/wire-tensor';
import type { Endpoint } from './address-pool';

/** A region of memory shared with the kernel servers on this host. */
export interface SharedTensorRegion {
  readonly byteLength: number;
  /** The memory; build typed arrays on it for the tensors to send (detached once closed). */
  readonly buffer: ArrayBuffer;
  readonly closed: boolean;
  /** A range for results (offset a multiple of 64), for KernelClient.withSharedOutput. */
  range(offset: number, byteLength: number): SharedRange;
  /** Unregisters the region from every server and unmaps it; views of it become empty. */
  close(): Promise<void>;
}

export interface SharedRange {
  readonly region: SharedTensorRegion;
  readonly offset: number;
  readonly byteLength: number;
}

/** The shared memory of one attempt on one server: how to send tensors, and where results go. */
export interface SharedAttempt {
  readonly placement: SharedPlacement;
  /** The output range on this server, when the call asked for one. */
  readonly output: { regionId: string; offset: number; byteLength: number } | undefined;
  readonly resolveResult: SharedResolver | undefined;
}

export const RESULT_ALIGNMENT = 64;
const UNREGISTER_TIMEOUT_MS = 5000;

function invalid(message: string, argument: string): EdgepressError {
  return new EdgepressError(ErrorCode.INVALID_ARGUMENT, message, { details: { argument } });
}

function unary<Req, Res>(endpoint: Endpoint, rpc: string, request: Req, deadline: number): Promise<Res> {
  const method = kernelsServiceDefinition[rpc] as grpc.MethodDefinition<Req, Res>;
  return new Promise((resolve, reject) => {
    endpoint.client.makeUnaryRequest(method.path, method.requestSerialize, method.responseDeserialize, request, { deadline }, (error, response) => {
      if (error) reject(error);
      else resolve(response as Res);
    });
  });
}

class ClientRegion implements SharedTensorRegion {
  /** Region id per server this region is registered with. */
  readonly ids = new Map<Endpoint, string>();

  constructor(
    readonly native: SharedRegion,
    private readonly forget: (region: ClientRegion) => Promise<void>,
  ) {}

  get byteLength(): number {
    return this.native.byteLength;
  }

  get buffer(): ArrayBuffer {
    return this.native.buffer;
  }

  get closed(): boolean {
    return this.native.closed;
  }

  range(offset: number, byteLength: number): SharedRange {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset % RESULT_ALIGNMENT !== 0) {
      throw invalid(`Expected a non-negative multiple of ${RESULT_ALIGNMENT} for offset but received ${offset}`, 'offset');
    }
    if (!Number.isSafeInteger(byteLength) || byteLength < 1 || offset + byteLength > this.byteLength) {
      throw invalid(`Expected a byte length between 1 and ${this.byteLength - offset} for byteLength but received ${byteLength}`, 'byteLength');
    }
    return Object.freeze({ region: this, offset, byteLength });
  }

  close(): Promise<void> {
    return this.forget(this);
  }
}

export class SharedMemoryClient {
  private readonly regions = new Set<ClientRegion>();
  /** Servers that cannot use shared memory, and why. */
  private readonly streamOnly = new Map<Endpoint, string>();

  get regionCount(): number {
    return this.regions.size;
  }

  async createRegion(byteLength: number): Promise<SharedTensorRegion> {
    const shm = await import('@edgepress/kernels-native/shared-memory');
    if (!shm.sharedMemorySupported()) throw new EdgepressError(ErrorCode.CONSTRAINT_NOT_MET, 'Shared memory needs Linux');
    const region = new ClientRegion(shm.createSharedRegion(byteLength), (r) => this.closeRegion(r));
    this.regions.add(region);
    return region;
  }

  /** Drops what this client knows of `endpoint` (it may be a new server process now). */
  forget(endpoint: Endpoint): void {
    this.streamOnly.delete(endpoint);
    for (const region of this.regions) region.ids.delete(endpoint);
  }

  /** True for the failure of a call that named a region the server does not know (it restarted, or expired the region). */
  static isStaleRegistration(error: EdgepressError): boolean {
    const argument = error.details?.argument;
    return error.code === ErrorCode.INVALID_ARGUMENT && typeof argument === 'string' && /shared(Output)?$/.test(argument) && error.message.includes(UNKNOWN_REGION_TEXT);
  }

  /** Why `endpoint` streams (undefined while it may use shared memory). */
  streamOnlyReason(endpoint: Endpoint): string | undefined {
    return this.streamOnly.get(endpoint);
  }

  /**
   * Registers this client's regions with `endpoint` where needed, then describes how the attempt
   * uses them; undefined when it streams (no regions, or a server that cannot map them).
   */
  async attempt(endpoint: Endpoint, output: SharedRange | undefined, deadline: number): Promise<SharedAttempt | undefined> {
    if (output !== undefined && (!(output.region instanceof ClientRegion) || !this.regions.has(output.region))) {
      throw invalid('Expected the output range of an open region of this client', 'sharedOutput');
    }
    if (this.regions.size === 0 || this.streamOnly.has(endpoint)) return undefined;
    for (const region of this.regions) {
      if (region.ids.has(endpoint) || region.closed) continue;
      try {
        const { handle } = region.native;
        const response = await unary<object, { regionId: string }>(endpoint, 'RegisterSharedRegion', { handle }, deadline);
        region.ids.set(endpoint, response.regionId);
      } catch (error) {
        const code = (error as grpc.ServiceError).code;
        if (code === grpc.status.FAILED_PRECONDITION || code === grpc.status.UNIMPLEMENTED) {
          this.streamOnly.set(endpoint, (error as grpc.ServiceError).details);
          return undefined;
        }
        // The server maps as many regions as it may: this call streams, a later one tries again.
        if (code === grpc.status.RESOURCE_EXHAUSTED) return undefined;
        throw fromCallError(error as grpc.ServiceError, false);
      }
    }
    const placement: SharedPlacement = (bytes) => {
      for (const region of this.regions) {
        const regionId = region.ids.get(endpoint);
        if (regionId !== undefined && bytes.buffer === region.buffer) return { regionId, offset: bytes.byteOffset };
      }
      return undefined;
    };
    if (output === undefined) return { placement, output: undefined, resolveResult: undefined };
    const outputId = (output.region as ClientRegion).ids.get(endpoint) as string;
    const resolveResult: SharedResolver = (slice, byteLength, alignment, path) => {
      const { offset } = slice;
      const inside = slice.regionId === outputId && Number.isSafeInteger(offset) && offset >= output.offset && offset + byteLength <= output.offset + output.byteLength;
      if (!inside || offset % alignment !== 0) {
        throw invalid(`The server placed ${path} outside the shared output range this call gave it`, path);
      }
      return new Uint8Array(output.region.buffer, offset, byteLength);
    };
    return { placement, output: { regionId: outputId, offset: output.offset, byteLength: output.byteLength }, resolveResult };
  }

  private async closeRegion(region: ClientRegion): Promise<void> {
    if (!this.regions.delete(region)) return;
    const deadline = Date.now() + UNREGISTER_TIMEOUT_MS;
    // Best effort: a server that does not hear of it unmaps the region once idle or once this process has exited.
    await Promise.allSettled([...region.ids].map(([endpoint, regionId]) => unary(endpoint, 'UnregisterSharedRegion', { regionId }, deadline)));
    region.ids.clear();
    region.native.close();
  }

  /** Closes every region (unregistering them); resolves when done. */
  closeAll(): Promise<void> {
    return Promise.allSettled([...this.regions].map((r) => this.closeRegion(r))).then(() => undefined);
  }
}
