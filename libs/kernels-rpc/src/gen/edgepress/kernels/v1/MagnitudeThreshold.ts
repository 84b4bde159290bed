// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Long } from '@grpc/proto-loader';

export interface MagnitudeThreshold {
  'threshold'?: (number | string);
  'pruneCount'?: (number | string | Long);
  'tiesToPrune'?: (number | string | Long);
}

export interface MagnitudeThreshold__Output {
  'threshold': (number);
  'pruneCount': (number);
  'tiesToPrune': (number);
}
