// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { DataType as _edgepress_kernels_v1_DataType, DataType__Output as _edgepress_kernels_v1_DataType__Output } from '../../../edgepress/kernels/v1/DataType';

export interface QuantizeTensorSpec {
  'type'?: (_edgepress_kernels_v1_DataType);
  'symmetric'?: (boolean);
  'reduceRange'?: (boolean);
  'axis'?: (number);
  'blockSize'?: (number);
  '_axis'?: "axis";
  '_blockSize'?: "blockSize";
}

export interface QuantizeTensorSpec__Output {
  'type': (_edgepress_kernels_v1_DataType__Output);
  'symmetric': (boolean);
  'reduceRange': (boolean);
  'axis'?: (number);
  'blockSize'?: (number);
  '_axis'?: "axis";
  '_blockSize'?: "blockSize";
}
