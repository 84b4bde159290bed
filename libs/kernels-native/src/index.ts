export { cpuFeatures } from './cpu-features';
export type { CpuFeatures } from './cpu-features';
export type { KernelCallOptions, KernelTypedArray, Tensor } from './tensor';
