// Original file: proto/edgepress/kernels/v1/kernels.proto

export const Int4Kernel = {
  INT4_KERNEL_AUTO: 'INT4_KERNEL_AUTO',
  INT4_KERNEL_PORTABLE: 'INT4_KERNEL_PORTABLE',
  INT4_KERNEL_AVX2: 'INT4_KERNEL_AVX2',
  INT4_KERNEL_AVX512: 'INT4_KERNEL_AVX512',
} as const;

export type Int4Kernel =
  | 'INT4_KERNEL_AUTO'
  | 0
  | 'INT4_KERNEL_PORTABLE'
  | 1
  | 'INT4_KERNEL_AVX2'
  | 2
  | 'INT4_KERNEL_AVX512'
  | 3

export type Int4Kernel__Output = typeof Int4Kernel[keyof typeof Int4Kernel]
