/** The stage host: the host half of a plugin's StageContext (see create-stage-host.ts). */
export { createStageHost, DEFAULT_STAGE_HOST_LIMITS } from './create-stage-host';
export type { StageHost, StageHostLimits, StageHostOptions } from './create-stage-host';
export { NO_STAGE_PROVIDERS } from './stage-providers';
export type { StageProviders } from './stage-providers';
export { toPluginTarget } from './plugin-target';
export { connectKernels } from './kernel-connection';
export type { KernelConnection, KernelConnectionOptions } from './kernel-connection';
export type { KernelService } from '@edgepress/kernels-rpc/client';
