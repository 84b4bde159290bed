// Original file: proto/edgepress/kernels/v1/kernels.proto

export const SignKind = {
  SIGN_KIND_UNSPECIFIED: 'SIGN_KIND_UNSPECIFIED',
  SIGN_KIND_BINARY: 'SIGN_KIND_BINARY',
  SIGN_KIND_TERNARY: 'SIGN_KIND_TERNARY',
} as const;

export type SignKind =
  | 'SIGN_KIND_UNSPECIFIED'
  | 0
  | 'SIGN_KIND_BINARY'
  | 1
  | 'SIGN_KIND_TERNARY'
  | 2

export type SignKind__Output = typeof SignKind[keyof typeof SignKind]
