// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { SignQuantizedTensor as _edgepress_kernels_v1_SignQuantizedTensor, SignQuantizedTensor__Output as _edgepress_kernels_v1_SignQuantizedTensor__Output } from '../../../edgepress/kernels/v1/SignQuantizedTensor';

export interface SignQuantizeResult {
  'q'?: (_edgepress_kernels_v1_SignQuantizedTensor | null);
}

export interface SignQuantizeResult__Output {
  'q': (_edgepress_kernels_v1_SignQuantizedTensor__Output | null);
}
