/**
 * Prometheus metrics of one gateway (prom-client, a registry per gateway so that several can share
 * a process in tests): HTTP request durations, runs by state and queue depth (read from
 * PostgreSQL and pg-boss when scraped), stage durations (observed from stage-completed events),
 * open subscriptions, and Node's process metrics. Served at /metrics (metrics-route.ts).
 * Runs and queue depth count every team: /metrics is for operators (see metricsToken).
 * Every gateway observes every stage-completed event, so sum stage durations over one gateway
 * (or divide by the number of gateways).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from 'pino';
import { RUN_STATES, type Database, type QueueDepth, type RunEvent } from '@edgepress/db';

export interface MetricsSources {
  db: Pick<Database, 'runs' | 'stages'>;
  queueDepth: () => Promise<QueueDepth>;
  subscriberCount: () => number;
  log: Logger;
}

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly stageDuration: Histogram<'plugin' | 'state'>;
  readonly runEvents: Counter<'kind'>;

  constructor(private readonly sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'edgepress_gateway_' });
    this.httpDuration = new Histogram({
      name: 'edgepress_http_request_duration_seconds',
      help: 'HTTP request durations by method, route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.stageDuration = new Histogram({
      name: 'edgepress_stage_duration_seconds',
      help: 'Durations of finished stages by plugin (from stage-completed events)',
      labelNames: ['plugin', 'state'],
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
      registers,
    });
    this.runEvents = new Counter({ name: 'edgepress_run_events_total', help: 'Run events received over LISTEN/NOTIFY', labelNames: ['kind'], registers });
    const { db, queueDepth, subscriberCount, log } = sources;
    new Gauge({
      name: 'edgepress_runs',
      help: 'Runs by state (all teams)',
      labelNames: ['state'],
      registers,
      async collect() {
        try {
          const counts = await db.runs.countAllByState();
          for (const state of RUN_STATES) this.set({ state }, counts[state]);
        } catch (error) {
          log.warn({ err: error }, 'metrics: counting runs failed');
        }
      },
    });
    new Gauge({
      name: 'edgepress_queue_jobs',
      help: 'Run queue depth (pg-boss; may lag up to a minute): queued, active, dead_lettered',
      labelNames: ['status'],
      registers,
      async collect() {
        try {
          const depth = await queueDepth();
          this.set({ status: 'queued' }, depth.queued);
          this.set({ status: 'active' }, depth.active);
          this.set({ status: 'dead_lettered' }, depth.deadLettered);
        } catch (error) {
          log.warn({ err: error }, 'metrics: reading the queue depth failed');
        }
      },
    });
    new Gauge({
      name: 'edgepress_subscriptions',
      help: 'Open run-event subscriptions on this gateway',
      registers,
      collect() {
        this.set(subscriberCount());
      },
    });
  }

  /** Fed with every run event; a completed stage is looked up for its duration. */
  observeRunEvent(event: RunEvent): void {
    this.runEvents.inc({ kind: event.kind });
    if (event.kind !== 'stage-completed' || event.stageIndex === undefined) return;
    this.sources.db.stages.get(event.teamId, event.runId, event.stageIndex).then(
      (stage) => {
        if (stage.startedAt && stage.finishedAt) {
          this.stageDuration.observe({ plugin: stage.pluginName, state: stage.state }, (stage.finishedAt.getTime() - stage.startedAt.getTime()) / 1000);
        }
      },
      (error: unknown) => this.sources.log.warn({ err: error, runId: event.runId }, 'metrics: reading a completed stage failed'),
    );
  }
}
