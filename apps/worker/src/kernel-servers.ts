/**
 * Which kernel servers a run attempt talks to. Each attempt opens its own connection
 * (libs/pipeline's connectKernels, which balances and fails calls over between addresses) to the
 * servers that accept a TCP connection right now, so that a server that went away is not offered
 * again: the kernel client fails unary calls over on its own, but a calibration session stays on
 * the server it was opened on, and a client that still lists a dead server keeps opening sessions
 * there. When no server answers, every address is kept: the attempt then fails with UNAVAILABLE
 * and the executor decides whether to retry. Tests: kernel-servers.test.ts,
 * tools/launcher/test/distributed-failover.test.ts.
 */
import net from 'node:net';
import type { KernelService } from './run-executor';

export interface KernelConnection {
  readonly kernels: KernelService;
  close(): void;
}

export type ConnectKernels = (addresses: readonly string[]) => KernelConnection;

function hostAndPort(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(':');
  return { host: address.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port: Number(address.slice(colon + 1)) };
}

/** True when something accepts a TCP connection at `address` within `timeoutMs`. */
export function acceptsConnections(address: string, timeoutMs = 1000): Promise<boolean> {
  const { host, port } = hostAndPort(address);
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The addresses that answer now, in their configured order; all of them when none does. */
export async function reachableServers(addresses: readonly string[], probe: (address: string) => Promise<boolean> = acceptsConnections): Promise<string[]> {
  const answers = await Promise.all(addresses.map((address) => probe(address)));
  const reachable = addresses.filter((_, index) => answers[index]);
  return reachable.length > 0 ? reachable : [...addresses];
}
