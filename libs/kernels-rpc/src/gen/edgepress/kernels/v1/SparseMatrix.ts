// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { SparseFormat as _edgepress_kernels_v1_SparseFormat, SparseFormat__Output as _edgepress_kernels_v1_SparseFormat__Output } from '../../../edgepress/kernels/v1/SparseFormat';
import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';

export interface SparseMatrix {
  'format'?: (_edgepress_kernels_v1_SparseFormat);
  'rows'?: (number);
  'cols'?: (number);
  'indptr'?: (_edgepress_kernels_v1_Tensor | null);
  'indices'?: (_edgepress_kernels_v1_Tensor | null);
  'values'?: (_edgepress_kernels_v1_Tensor | null);
}

export interface SparseMatrix__Output {
  'format': (_edgepress_kernels_v1_SparseFormat__Output);
  'rows': (number);
  'cols': (number);
  'indptr': (_edgepress_kernels_v1_Tensor__Output | null);
  'indices': (_edgepress_kernels_v1_Tensor__Output | null);
  'values': (_edgepress_kernels_v1_Tensor__Output | null);
}
