// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Long } from '@grpc/proto-loader';

export interface SharedRegionHandle {
  'pid'?: (number);
  'fd'?: (number);
  'tag'?: (string);
  'byteLength'?: (number | string | Long);
}

export interface SharedRegionHandle__Output {
  'pid': (number);
  'fd': (number);
  'tag': (string);
  'byteLength': (number);
}
