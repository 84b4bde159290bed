// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Long } from '@grpc/proto-loader';

export interface SharedSlice {
  'regionId'?: (string);
  'offset'?: (number | string | Long);
}

export interface SharedSlice__Output {
  'regionId': (string);
  'offset': (number);
}
