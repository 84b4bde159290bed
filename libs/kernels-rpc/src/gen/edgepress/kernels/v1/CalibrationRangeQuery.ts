// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { CalibrationMethod as _edgepress_kernels_v1_CalibrationMethod, CalibrationMethod__Output as _edgepress_kernels_v1_CalibrationMethod__Output } from '../../../edgepress/kernels/v1/CalibrationMethod';

export interface CalibrationRangeQuery {
  'method'?: (_edgepress_kernels_v1_CalibrationMethod);
  'symmetric'?: (boolean);
  'percentile'?: (number | string);
  'bits'?: (number);
  '_percentile'?: "percentile";
  '_bits'?: "bits";
}

export interface CalibrationRangeQuery__Output {
  'method': (_edgepress_kernels_v1_CalibrationMethod__Output);
  'symmetric': (boolean);
  'percentile'?: (number);
  'bits'?: (number);
  '_percentile'?: "percentile";
  '_bits'?: "bits";
}
