// Original file: proto/edgepress/kernels/v1/kernels.proto

export const SparseKernel = {
  SPARSE_KERNEL_AUTO: 'SPARSE_KERNEL_AUTO',
  SPARSE_KERNEL_PORTABLE: 'SPARSE_KERNEL_PORTABLE',
  SPARSE_KERNEL_AVX2: 'SPARSE_KERNEL_AVX2',
  SPARSE_KERNEL_AVX512: 'SPARSE_KERNEL_AVX512',
} as const;

export type SparseKernel =
  | 'SPARSE_KERNEL_AUTO'
  | 0
  | 'SPARSE_KERNEL_PORTABLE'
  | 1
  | 'SPARSE_KERNEL_AVX2'
  | 2
  | 'SPARSE_KERNEL_AVX512'
  | 3

export type SparseKernel__Output = typeof SparseKernel[keyof typeof SparseKernel]
