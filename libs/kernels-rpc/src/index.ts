export { createKernelClient } from './client/kernel-client';
export type { KernelClient, KernelClientOptions, RetryEvent } from './client/kernel-client';
export type { CalibratorSessionOptions, KernelCalibrator } from './calibration/kernel-calibrator';
export { createInProcessKernels } from './in-process';
export type { KernelMethod, KernelService } from './kernel-service';
export { PROTO_FILE, SERVICE_NAME } from './proto';
export { createKernelServer } from './server/kernel-server';
export type { KernelServer, KernelServerLogger, KernelServerOptions } from './server/kernel-server';
export { DEFAULT_CHUNK_BYTES } from './wire/wire-tensor';
