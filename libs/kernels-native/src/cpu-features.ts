import { native } from './binding';

export interface CpuFeatures {
  /** The AVX2+FMA kernels are used (x86-64 with AVX2); otherwise the portable ones. */
  avx2: boolean;
  hardwareThreads: number;
}

export function cpuFeatures(): CpuFeatures {
  return native.cpuFeatures();
}
