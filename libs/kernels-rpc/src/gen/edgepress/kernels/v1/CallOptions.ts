// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Long } from '@grpc/proto-loader';

export interface CallOptions {
  'threads'?: (number);
  'maxElements'?: (number | string | Long);
}

export interface CallOptions__Output {
  'threads': (number);
  'maxElements': (number);
}
