/**
 * The client-side surface of @edgepress/kernels-rpc ("@edgepress/kernels-rpc/client"): the typed
 * gRPC client and the KernelService interface. It never loads the native addon.
 */
export { createKernelClient } from './client/kernel-client';
export type { KernelClient, KernelClientOptions, RetryEvent } from './client/kernel-client';
export type { SharedRange, SharedTensorRegion } from './client/shared-memory';
export type { CalibratorSessionOptions, KernelCalibrator } from './calibration/kernel-calibrator';
export type { KernelMethod, KernelService } from './kernel-service';
export { SERVICE_NAME } from './proto';
