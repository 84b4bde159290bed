// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Long } from '@grpc/proto-loader';

export interface SharedRange {
  'regionId'?: (string);
  'offset'?: (number | string | Long);
  'byteLength'?: (number | string | Long);
}

export interface SharedRange__Output {
  'regionId': (string);
  'offset': (number);
  'byteLength': (number);
}
