/**
 * The KernelService a stage host uses: the gRPC kernel servers named by `addresses`, or the
 * in-process kernels. Each implementation is required only when asked for, so that a process
 * working with remote kernels never loads the native addon (and one in process never loads gRPC).
 * Tests: create-stage-host.test.ts.
 */
import type { KernelService } from '@edgepress/kernels-rpc/client';
import { EdgepressError, ErrorCode } from '@edgepress/errors';

export interface KernelConnectionOptions {
  /** "host:port" of kernel servers; none means in process. */
  readonly addresses?: readonly string[];
  /** Deadline of every remote call, retries included (default 10 minutes). */
  readonly deadlineMs?: number;
}

export interface KernelConnection {
  readonly kernels: KernelService;
  readonly remote: boolean;
  /** Closes the gRPC channels (nothing to do in process). */
  close(): void;
}

const ADDRESS = /^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/;

export function connectKernels(options: KernelConnectionOptions = {}): KernelConnection {
  const addresses = options.addresses ?? [];
  if (addresses.length === 0) {
    const inProcess = require('@edgepress/kernels-rpc') as typeof import('@edgepress/kernels-rpc');
    return { kernels: inProcess.createInProcessKernels(), remote: false, close: () => undefined };
  }
  for (const address of addresses) {
    if (typeof address !== 'string' || !ADDRESS.test(address)) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected kernel server addresses as HOST:PORT but received ${JSON.stringify(String(address).slice(0, 80))}`);
  }
  const { createKernelClient } = require('@edgepress/kernels-rpc/client') as typeof import('@edgepress/kernels-rpc/client');
  const client = createKernelClient({ addresses, deadlineMs: options.deadlineMs ?? 600_000 });
  return { kernels: client, remote: true, close: () => client.close() };
}
