// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { CalibrationMethod as _edgepress_kernels_v1_CalibrationMethod, CalibrationMethod__Output as _edgepress_kernels_v1_CalibrationMethod__Output } from '../../../edgepress/kernels/v1/CalibrationMethod';
import type { DataType as _edgepress_kernels_v1_DataType, DataType__Output as _edgepress_kernels_v1_DataType__Output } from '../../../edgepress/kernels/v1/DataType';

export interface CalibrationParamsQuery {
  'method'?: (_edgepress_kernels_v1_CalibrationMethod);
  'type'?: (_edgepress_kernels_v1_DataType);
  'symmetric'?: (boolean);
  'reduceRange'?: (boolean);
  'percentile'?: (number | string);
  '_percentile'?: "percentile";
}

export interface CalibrationParamsQuery__Output {
  'method': (_edgepress_kernels_v1_CalibrationMethod__Output);
  'type': (_edgepress_kernels_v1_DataType__Output);
  'symmetric': (boolean);
  'reduceRange': (boolean);
  'percentile'?: (number);
  '_percentile'?: "percentile";
}
