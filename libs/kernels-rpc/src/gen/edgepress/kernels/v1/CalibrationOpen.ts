// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface CalibrationOpen {
  'bins'?: (number);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
  '_bins'?: "bins";
}

export interface CalibrationOpen__Output {
  'bins'?: (number);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
  '_bins'?: "bins";
}
