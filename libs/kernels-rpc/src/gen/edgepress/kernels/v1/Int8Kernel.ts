// Original file: proto/edgepress/kernels/v1/kernels.proto

export const Int8Kernel = {
  INT8_KERNEL_AUTO: 'INT8_KERNEL_AUTO',
  INT8_KERNEL_PORTABLE: 'INT8_KERNEL_PORTABLE',
  INT8_KERNEL_AVX2: 'INT8_KERNEL_AVX2',
  INT8_KERNEL_AMX: 'INT8_KERNEL_AMX',
  INT8_KERNEL_AVX512_VNNI: 'INT8_KERNEL_AVX512_VNNI',
} as const;

export type Int8Kernel =
  | 'INT8_KERNEL_AUTO'
  | 0
  | 'INT8_KERNEL_PORTABLE'
  | 1
  | 'INT8_KERNEL_AVX2'
  | 2
  | 'INT8_KERNEL_AMX'
  | 3
  | 'INT8_KERNEL_AVX512_VNNI'
  | 4

export type Int8Kernel__Output = typeof Int8Kernel[keyof typeof Int8Kernel]
