// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { SharedRange as _edgepress_kernels_v1_SharedRange, SharedRange__Output as _edgepress_kernels_v1_SharedRange__Output } from '../../../edgepress/kernels/v1/SharedRange';
import type { Long } from '@grpc/proto-loader';

export interface CallOptions {
  'threads'?: (number);
  'maxElements'?: (number | string | Long);
  'sharedOutput'?: (_edgepress_kernels_v1_SharedRange | null);
}

export interface CallOptions__Output {
  'threads': (number);
  'maxElements': (number);
  'sharedOutput': (_edgepress_kernels_v1_SharedRange__Output | null);
}
