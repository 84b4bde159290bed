// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Long } from '@grpc/proto-loader';

export interface CalibrationStats {
  'count'?: (number | string);
  'min'?: (number | string);
  'max'?: (number | string);
  'bins'?: (number);
  'stateBytes'?: (number | string | Long);
}

export interface CalibrationStats__Output {
  'count': (number);
  'min': (number);
  'max': (number);
  'bins': (number);
  'stateBytes': (number);
}
