// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { SignQuantizedTensor as _edgepress_kernels_v1_SignQuantizedTensor, SignQuantizedTensor__Output as _edgepress_kernels_v1_SignQuantizedTensor__Output } from '../../../edgepress/kernels/v1/SignQuantizedTensor';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface DequantizeSignedArgs {
  'q'?: (_edgepress_kernels_v1_SignQuantizedTensor | null);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
}

export interface DequantizeSignedArgs__Output {
  'q': (_edgepress_kernels_v1_SignQuantizedTensor__Output | null);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
}
