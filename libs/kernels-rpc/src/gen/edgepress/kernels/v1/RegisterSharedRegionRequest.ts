// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { SharedRegionHandle as _edgepress_kernels_v1_SharedRegionHandle, SharedRegionHandle__Output as _edgepress_kernels_v1_SharedRegionHandle__Output } from '../../../edgepress/kernels/v1/SharedRegionHandle';

export interface RegisterSharedRegionRequest {
  'handle'?: (_edgepress_kernels_v1_SharedRegionHandle | null);
}

export interface RegisterSharedRegionRequest__Output {
  'handle': (_edgepress_kernels_v1_SharedRegionHandle__Output | null);
}
