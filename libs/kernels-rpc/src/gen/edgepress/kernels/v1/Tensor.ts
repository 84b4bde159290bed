// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { DataType as _edgepress_kernels_v1_DataType, DataType__Output as _edgepress_kernels_v1_DataType__Output } from '../../../edgepress/kernels/v1/DataType';
import type { SharedSlice as _edgepress_kernels_v1_SharedSlice, SharedSlice__Output as _edgepress_kernels_v1_SharedSlice__Output } from '../../../edgepress/kernels/v1/SharedSlice';
import type { Long } from '@grpc/proto-loader';

export interface Tensor {
  'id'?: (number);
  'dtype'?: (_edgepress_kernels_v1_DataType);
  'shape'?: (number | string | Long)[];
  'byteLength'?: (number | string | Long);
  'data'?: (Buffer | Uint8Array | string);
  'shared'?: (_edgepress_kernels_v1_SharedSlice | null);
}

export interface Tensor__Output {
  'id': (number);
  'dtype': (_edgepress_kernels_v1_DataType__Output);
  'shape': (number)[];
  'byteLength': (number);
  'data': (Buffer);
  'shared': (_edgepress_kernels_v1_SharedSlice__Output | null);
}
