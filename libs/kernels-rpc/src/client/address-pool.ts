/**
 * The servers a client balances over: one channel per address, picked round robin among those
 * that are healthy. An address is unhealthy while it is backing off after an UNAVAILABLE failure
 * (exponential, per address) or while its grpc.health.v1 check (polled in the background) does
 * not say SERVING, so a draining server stops receiving calls. When no address is healthy the
 * one that comes back soonest is tried anyway: the caller's retry loop bounds the attempts.
 * Tests: kernel-client.test.ts.
 */
import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { SERVICE_NAME } from '../proto';

export interface Endpoint {
  readonly address: string;
  readonly client: grpc.Client;
  /** Not picked before this time (ms since epoch) unless nothing else is healthy. */
  downUntil: number;
  failures: number;
  /** The last health check's answer (true until a check says otherwise). */
  serving: boolean;
}

export interface AddressPoolOptions {
  readonly channelOptions: grpc.ChannelOptions;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  /** 0 turns health polling off. */
  readonly healthCheckIntervalMs: number;
}

export class AddressPool {
  private readonly endpoints: Endpoint[];
  private next = 0;
  private readonly healthTimer: NodeJS.Timeout | undefined;

  constructor(
    addresses: readonly string[],
    private readonly options: AddressPoolOptions,
  ) {
    this.endpoints = addresses.map((address) => ({
      address,
      client: new grpc.Client(address, grpc.credentials.createInsecure(), options.channelOptions),
      downUntil: 0,
      failures: 0,
      serving: true,
    }));
    if (options.healthCheckIntervalMs > 0) {
      this.healthTimer = setInterval(() => this.checkHealth(), options.healthCheckIntervalMs);
      this.healthTimer.unref();
    }
  }

  private healthy(endpoint: Endpoint, now: number): boolean {
    return endpoint.serving && endpoint.downUntil <= now;
  }

  /** The next healthy endpoint, round robin; the soonest to recover when none is healthy. */
  pick(): Endpoint {
    const now = Date.now();
    for (let i = 0; i < this.endpoints.length; i++) {
      const endpoint = this.endpoints[(this.next + i) % this.endpoints.length] as Endpoint;
      if (this.healthy(endpoint, now)) {
        this.next = (this.next + i + 1) % this.endpoints.length;
        return endpoint;
      }
    }
    const soonest = [...this.endpoints].sort((a, b) => Number(b.serving) - Number(a.serving) || a.downUntil - b.downUntil)[0] as Endpoint;
    this.next = (this.endpoints.indexOf(soonest) + 1) % this.endpoints.length;
    return soonest;
  }

  /** True when some endpoint other than `endpoint` is healthy now. */
  hasHealthyOtherThan(endpoint: Endpoint): boolean {
    const now = Date.now();
    return this.endpoints.some((e) => e !== endpoint && this.healthy(e, now));
  }

  /** Milliseconds until some endpoint is out of its backoff. */
  msUntilAnyRecovers(): number {
    return Math.max(0, Math.min(...this.endpoints.map((e) => e.downUntil)) - Date.now());
  }

  failed(endpoint: Endpoint): void {
    endpoint.failures++;
    const backoff = Math.min(this.options.maxBackoffMs, this.options.initialBackoffMs * 2 ** (endpoint.failures - 1));
    // Jitter keeps clients that lost the same server from coming back in lockstep.
    endpoint.downUntil = Date.now() + backoff * (0.8 + 0.4 * Math.random());
  }

  succeeded(endpoint: Endpoint): void {
    endpoint.failures = 0;
    endpoint.downUntil = 0;
    endpoint.serving = true;
  }

  private checkHealth(): void {
    const check = healthService.Check as grpc.MethodDefinition<{ service: string }, { status: string }>;
    for (const endpoint of this.endpoints) {
      endpoint.client.makeUnaryRequest(
        check.path,
        check.requestSerialize,
        check.responseDeserialize,
        { service: SERVICE_NAME },
        { deadline: Date.now() + Math.max(200, this.options.healthCheckIntervalMs) },
        (error, response) => {
          // A failed check says nothing new about serving: the call path marks dead servers.
          if (error === null && response !== undefined) endpoint.serving = response.status === 'SERVING';
        },
      );
    }
  }

  close(): void {
    if (this.healthTimer !== undefined) clearInterval(this.healthTimer);
    for (const endpoint of this.endpoints) endpoint.client.close();
  }
}
