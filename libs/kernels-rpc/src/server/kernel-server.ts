/**
 * The gRPC server of edgepress.kernels.v1.Kernels: every operator, grpc.health.v1 and server
 * reflection on one port, message sizes capped at one chunk plus headroom, tensor bytes capped
 * per tensor, per call and across in-flight calls.
 *
 * Same-host shared memory (shared-regions.ts) is offered unless `sharedMemory` is false.
 *
 * drain() is the SIGTERM path: health goes NOT_SERVING first (so balancing clients move away),
 * new calls are still served for `drainDelayMs` while they notice, then the server stops accepting
 * and waits up to `gracePeriodMs` for in-flight calls before cancelling what is left.
 * Tests: kernel-server.test.ts, apps/kernel-server/test/*.test.ts.
 */
import { availableParallelism } from 'node:os';
import * as grpc from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import * as protoLoader from '@grpc/proto-loader';
import { HealthImplementation, protoPath as healthProtoPath } from 'grpc-health-check';
import { createInProcessKernels } from '../in-process';
import type { KernelService } from '../kernel-service';
import { OPERATOR_CODECS } from '../operators';
import { kernelsServiceDefinition, LOADER_OPTIONS, PROTO_FILE, SERVICE_NAME } from '../proto';
import { DEFAULT_CHUNK_BYTES, maxMessageBytes } from '../wire/wire-tensor';
import { ByteBudget } from './byte-budget';
import { calibrationHandler } from './calibration-handler';
import { operatorHandler, type CallLogger } from './operator-handler';
import { sharedMemoryHandlers } from './shared-memory-handlers';
import { SharedRegionRegistry, type SharedMemoryLimits } from './shared-regions';

export interface KernelServerLogger extends CallLogger {
  error(fields: object, message: string): void;
}

export interface KernelServerOptions {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Threads per call when the call asks for none, and the most one call may use; default: the CPUs. */
  threads?: number;
  /** Largest tensor of a call, in bytes; default 1 GiB. Above it: RESOURCE_EXHAUSTED. */
  maxTensorBytes?: number;
  /** Largest sum of a call's tensor bytes; default 2 x maxTensorBytes. */
  maxCallBytes?: number;
  /** Tensor bytes all in-flight calls may hold together; default 4 x maxTensorBytes. */
  maxInflightBytes?: number;
  /** Chunk size of streamed results and the message size cap (plus headroom); default 1 MiB. */
  chunkBytes?: number;
  /** How long drain() keeps serving after health turns NOT_SERVING; default 0. */
  drainDelayMs?: number;
  /** How long drain() waits for in-flight calls before cancelling them; default 30 s. */
  gracePeriodMs?: number;
  /**
   * Same-host shared memory for clients on this host (kernels.proto): false turns it off, an
   * object sets its limits; default on with SharedMemoryLimits' defaults.
   */
  sharedMemory?: boolean | SharedMemoryLimits;
  /** The operators to serve; default createInProcessKernels(). */
  kernels?: KernelService;
  logger?: KernelServerLogger;
}

export interface KernelServer {
  readonly host: string;
  readonly port: number;
  /** "host:port", for clients. */
  readonly address: string;
  /** Health NOT_SERVING, stop accepting, wait for in-flight calls (up to the grace period), close. */
  drain(): Promise<void>;
  /** Cancels everything in flight and closes at once. */
  forceShutdown(): void;
}

const silentLogger: KernelServerLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`Expected a positive integer for ${name} but received ${value}`);
  return value;
}

export async function createKernelServer(options: KernelServerOptions = {}): Promise<KernelServer> {
  const host = options.host ?? '127.0.0.1';
  const chunkBytes = positive('chunkBytes', options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  const maxTensorBytes = positive('maxTensorBytes', options.maxTensorBytes ?? 2 ** 30);
  const threads = Math.min(64, positive('threads', options.threads ?? availableParallelism()));
  const logger = options.logger ?? silentLogger;
  const shutdown = new AbortController();
  const messageCap = maxMessageBytes(chunkBytes);
  const server = new grpc.Server({
    'grpc.max_receive_message_length': messageCap,
    'grpc.max_send_message_length': messageCap,
  });

  const sharedMemory = options.sharedMemory ?? true;
  const sharedRegions =
    sharedMemory === false
      ? undefined
      : new SharedRegionRegistry(sharedMemory === true ? {} : sharedMemory, {
          onForget: (regionId, reason) => logger.info({ regionId, reason }, 'shared region released'),
        });
  const context = {
    kernels: options.kernels ?? createInProcessKernels(),
    caps: { maxTensorBytes, maxTotalBytes: positive('maxCallBytes', options.maxCallBytes ?? 2 * maxTensorBytes) },
    budget: new ByteBudget(positive('maxInflightBytes', options.maxInflightBytes ?? 4 * maxTensorBytes)),
    chunkBytes,
    threads,
    // Elements of the widest type the kernels take (4 bytes) that fit the tensor cap.
    maxElements: Math.max(1, Math.floor(maxTensorBytes / 4)),
    logger,
    shutdown: shutdown.signal,
    sharedRegions,
  };
  const handlers: grpc.UntypedServiceImplementation = {};
  for (const codec of OPERATOR_CODECS) handlers[codec.rpc] = operatorHandler(codec, context);
  handlers.Calibrate = calibrationHandler(context);
  Object.assign(handlers, sharedMemoryHandlers(sharedRegions, logger));
  server.addService(kernelsServiceDefinition, handlers);

  const health = new HealthImplementation({ '': 'SERVING', [SERVICE_NAME]: 'SERVING' });
  health.addToServer(server);
  // Reflection describes both services this server answers: the kernels and grpc.health.v1.
  new ReflectionService(protoLoader.loadSync([PROTO_FILE, healthProtoPath], LOADER_OPTIONS)).addToServer(server);

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host.includes(':') ? `[${host}]` : host}:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    );
  });

  let draining: Promise<void> | undefined;
  let drainTimer: NodeJS.Timeout | undefined;
  let endDrainDelay = (): void => undefined;
  const forceShutdown = (): void => {
    // In-flight calls are failed with UNAVAILABLE and their kernels stopped; the connections
    // close at once, so a client may see the reset (CANCELLED) instead, which it also retries.
    shutdown.abort();
    clearTimeout(drainTimer);
    endDrainDelay();
    server.forceShutdown();
    sharedRegions?.close();
  };
  const drain = (): Promise<void> => {
    draining ??= (async () => {
      const drainDelayMs = options.drainDelayMs ?? 0;
      const gracePeriodMs = options.gracePeriodMs ?? 30_000;
      health.setStatus('', 'NOT_SERVING');
      health.setStatus(SERVICE_NAME, 'NOT_SERVING');
      logger.info({ drainDelayMs, gracePeriodMs }, 'draining: health NOT_SERVING');
      await new Promise<void>((resolve) => {
        endDrainDelay = resolve;
        drainTimer = setTimeout(resolve, drainDelayMs);
      });
      await new Promise<void>((resolve) => {
        drainTimer = setTimeout(() => {
          logger.warn({ gracePeriodMs }, 'grace period over: cancelling in-flight calls');
          forceShutdown();
          resolve();
        }, gracePeriodMs);
        server.tryShutdown(() => {
          clearTimeout(drainTimer);
          sharedRegions?.close();
          resolve();
        });
      });
      logger.info({}, 'drained');
    })();
    return draining;
  };

  return { host, port, address: `${host.includes(':') ? `[${host}]` : host}:${port}`, drain, forceShutdown };
}
