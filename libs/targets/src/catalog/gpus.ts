/**
 * GPU targets (the GPU of NVIDIA Jetson modules; their DLAs and CPUs are not counted). Tensor-core
 * peaks derive from the Ampere per-clock rates (per tensor core and clock: 256 dense fp16/bf16 FMAs,
 * 512 dense int8 MACs) x tensor cores x GPU clock, and agree with NVIDIA's sparse INT8 TOPS figures
 * halved (sparse = 2x dense). Sources are numbered [n] in each entry's `sources`.
 */
import { catalogEntry } from './catalog-entry';
import type { HardwareTarget } from '../schema/target-schema';
import { GB_PER_S, GiB, MHz } from './units';

const AMPERE_SPARSITY = {
  // 2:4 structured sparsity doubles tensor-core math throughput [2]; end-to-end gains are smaller,
  // and the estimate only applies it to compute time.
  structured: [{ n: 2, m: 4, speedup: 2, precisions: ['int8' as const, 'fp16' as const, 'bf16' as const] }],
  unstructured: null,
};

export const jetsonOrinNano = catalogEntry({
  id: 'jetson-orin-nano',
  kind: 'gpu',
  name: 'NVIDIA Jetson Orin Nano 8GB',
  vendor: 'NVIDIA',
  description: 'Ampere GPU with 1024 CUDA cores and 32 third-generation tensor cores (2:4 sparsity) at 625 MHz, 8 GB 128-bit LPDDR5 shared with the CPU, 7-15 W module.',
  computeCapability: '8.7', // [3]
  cores: 1024, // [1]
  tensorCores: 32, // [1]
  sparseTensorCores: true, // [1][2]
  clockHz: 625 * MHz, // [1] maximum GPU frequency (the 2024 "Super" mode raises it to 1020 MHz at 25 W)
  precisions: ['fp32', 'fp16', 'bf16', 'int8'],
  peakMacsPerSecond: {
    fp32: 1024 * 625 * MHz, // one FMA per CUDA core per clock: 0.64 TMAC/s (1.28 TFLOPS)
    fp16: 32 * 256 * 625 * MHz, // 5.12 TMAC/s dense
    bf16: 32 * 256 * 625 * MHz, // same rate as fp16 on Ampere tensor cores
    int8: 32 * 512 * 625 * MHz, // 10.24 TMAC/s dense = 20.5 TOPS; [1] states 40 sparse INT8 TOPS
  },
  memory: {
    ramBytes: 8 * GiB, // [1] shared by CPU and GPU
    bandwidthBytesPerSecond: 68 * GB_PER_S, // [1] 128-bit LPDDR5, 68 GB/s
  },
  sparsity: AMPERE_SPARSITY,
  power: { activeWatts: 15, idleWatts: 3 }, // [1] 7 W-15 W power modes; idle is an assumption
  fallback: { macsPerSecond: 1024 * 625 * MHz, description: 'CUDA cores at fp32 (no tensor-core kernel for the precision)' },
  runtimeNotes: [
    'TensorRT (or ONNX Runtime with the TensorRT/CUDA provider) runs the model; int8 needs calibration or QDQ nodes.',
    'The Orin Nano has no DLA: all inference runs on the GPU.',
  ],
  sources: [
    { title: '[1] NVIDIA Jetson Orin Nano Series Data Sheet (DS-11105): 1024 CUDA cores, 32 tensor cores, 625 MHz, 40 sparse INT8 TOPS, 8 GB LPDDR5 68 GB/s, 7-15 W', url: 'https://developer.nvidia.com/embedded/jetson-orin-nano' },
    { title: '[2] NVIDIA Ampere GA102 GPU Architecture whitepaper (tensor-core rates per clock, 2:4 fine-grained structured sparsity)', url: 'https://www.nvidia.com/content/PDF/nvidia-ampere-ga-102-gpu-architecture-whitepaper-v2.pdf' },
    { title: '[3] CUDA GPUs: compute capability table (Jetson Orin: 8.7)', url: 'https://developer.nvidia.com/cuda-gpus' },
  ],
});

export const jetsonAgxOrin = catalogEntry({
  id: 'jetson-agx-orin',
  kind: 'gpu',
  name: 'NVIDIA Jetson AGX Orin 64GB',
  vendor: 'NVIDIA',
  description: 'Ampere GPU with 2048 CUDA cores and 64 tensor cores (2:4 sparsity) at 1.3 GHz, 64 GB 256-bit LPDDR5, 15-60 W module.',
  computeCapability: '8.7', // [3]
  cores: 2048, // [1]
  tensorCores: 64, // [1]
  sparseTensorCores: true, // [1][2]
  clockHz: 1300 * MHz, // [1] maximum GPU frequency
  precisions: ['fp32', 'fp16', 'bf16', 'int8'],
  peakMacsPerSecond: {
    fp32: 2048 * 1300 * MHz, // 2.66 TMAC/s = 5.3 TFLOPS [1]
    fp16: 64 * 256 * 1300 * MHz, // 21.3 TMAC/s dense
    bf16: 64 * 256 * 1300 * MHz,
    int8: 64 * 512 * 1300 * MHz, // 42.6 TMAC/s dense = 85 TOPS; [1] states 170 sparse INT8 TOPS for the GPU
  },
  memory: {
    ramBytes: 64 * GiB, // [1]
    bandwidthBytesPerSecond: 204.8 * GB_PER_S, // [1] 256-bit LPDDR5, 204.8 GB/s
  },
  sparsity: AMPERE_SPARSITY,
  power: { activeWatts: 60, idleWatts: 5 }, // [1] 15 W-60 W power modes (MAXN); idle is an assumption
  fallback: { macsPerSecond: 2048 * 1300 * MHz, description: 'CUDA cores at fp32 (no tensor-core kernel for the precision)' },
  runtimeNotes: ['The two DLAs (another 105 sparse INT8 TOPS) are not counted: this target is the GPU alone.'],
  sources: [
    { title: '[1] NVIDIA Jetson AGX Orin Series Data Sheet / Technical Brief: 2048 CUDA cores, 64 tensor cores, 1.3 GHz, 170 sparse INT8 TOPS (GPU), 64 GB LPDDR5 204.8 GB/s, 15-60 W', url: 'https://www.nvidia.com/content/dam/en-zz/Solutions/gtcf21/jetson-orin/nvidia-jetson-agx-orin-technical-brief.pdf' },
    { title: '[2] NVIDIA Ampere GA102 GPU Architecture whitepaper (tensor-core rates per clock, 2:4 structured sparsity)', url: 'https://www.nvidia.com/content/PDF/nvidia-ampere-ga-102-gpu-architecture-whitepaper-v2.pdf' },
    { title: '[3] CUDA GPUs: compute capability table (Jetson Orin: 8.7)', url: 'https://developer.nvidia.com/cuda-gpus' },
  ],
});

export const GPU_TARGETS: readonly HardwareTarget[] = [jetsonOrinNano, jetsonAgxOrin];
