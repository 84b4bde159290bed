// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';

export interface HuffmanCodeResult {
  'counts'?: (_edgepress_kernels_v1_Tensor | null);
  'lengths'?: (_edgepress_kernels_v1_Tensor | null);
  'totalBits'?: (number | string);
}

export interface HuffmanCodeResult__Output {
  'counts': (_edgepress_kernels_v1_Tensor__Output | null);
  'lengths': (_edgepress_kernels_v1_Tensor__Output | null);
  'totalBits': (number);
}
