/**
 * @edgepress/worker: the queue consumer that executes runs (src/main.ts is the process). The
 * executor is exported for tests and for embedding a worker in another process.
 */
export { RunExecutor } from './run-executor';
export type { ExecutorOptions, KernelService } from './run-executor';
export { BundleCache } from './plugin-registry';
export { acceptsConnections, reachableServers } from './kernel-servers';
export type { ConnectKernels, KernelConnection } from './kernel-servers';
export { readWorkerConfig } from './config';
export type { WorkerConfig } from './config';
export { failDeadLetteredRun } from './dead-letters';
