/**
 * CPU targets. Peak MAC/s = cores x clock x MACs per cycle per core, where MACs per cycle come from
 * the SIMD width and the number of pipes that issue the multiply-accumulate (the derivation sits
 * next to each figure). Sources are numbered [n] in each entry's `sources`.
 */
import { catalogEntry } from './catalog-entry';
import type { HardwareTarget } from '../schema/target-schema';
import { GB_PER_S, GiB, MB_PER_S, MHz } from './units';

/**
 * CPU runtimes (ONNX Runtime MLAS, XNNPACK) run every standard operator, so CPU targets carry no op
 * list; and none of these cores turns weight sparsity into speed in those runtimes.
 */
const NO_SPARSITY = { structured: [], unstructured: null };

export const raspberryPi4 = catalogEntry({
  id: 'raspberry-pi-4',
  kind: 'cpu',
  name: 'Raspberry Pi 4 Model B (4 GB)',
  vendor: 'Raspberry Pi Ltd',
  description: 'Broadcom BCM2711, 4x Arm Cortex-A72 at 1.5 GHz (ARMv8.0-A: NEON, no dotprod, no fp16 arithmetic), LPDDR4-3200.',
  architecture: 'arm64',
  cores: 4, // [1]
  clockHz: 1500 * MHz, // [1] (boards made since 2022 ship at 1.8 GHz; 1.5 GHz is the conservative figure)
  isaFeatures: ['neon'], // [2] ARMv8.0-A
  precisions: ['fp32', 'int8'],
  peakMacsPerSecond: {
    // One 128-bit FMLA per cycle = 4 fp32 MACs/cycle/core [2]: 4 x 1.5 GHz x 4.
    fp32: 4 * 1500 * MHz * 4,
    // No SDOT on ARMv8.0: int8 GEMM uses widening SMLAL/UMLAL (8 lanes of 8-bit products) at one
    // per cycle = 8 MACs/cycle/core: 4 x 1.5 GHz x 8.
    int8: 4 * 1500 * MHz * 8,
  },
  memory: {
    ramBytes: 4 * GiB, // [1] 1, 2, 4 or 8 GB variants; this entry is the 4 GB board
    bandwidthBytesPerSecond: 3200 * 4 * MB_PER_S, // [1] LPDDR4-3200 on a 32-bit bus: 3200 MT/s x 4 B = 12.8 GB/s
  },
  sparsity: NO_SPARSITY,
  power: { activeWatts: 6.4, idleWatts: 2.7 }, // [3] whole board, all cores loaded / idle, third-party measurements
  fallback: { macsPerSecond: 4 * 1500 * MHz, description: 'scalar code, one MAC per cycle per core' },
  runtimeNotes: [
    'fp16 and bf16 layers are converted to fp32: the Cortex-A72 has no fp16 arithmetic.',
    'ONNX Runtime (MLAS) and TFLite/XNNPACK both have NEON int8 kernels for this core.',
  ],
  sources: [
    { title: '[1] Raspberry Pi 4 Model B product brief', url: 'https://datasheets.raspberrypi.com/rpi4/raspberry-pi-4-product-brief.pdf' },
    { title: '[2] Arm Cortex-A72 Software Optimization Guide (ASIMD instruction throughput)', url: 'https://developer.arm.com/documentation/uan0016/latest' },
    { title: '[3] Raspberry Pi 4 power measurements (idle ~2.7 W, CPU stress ~6.4 W), e.g. Tom\'s Hardware review', url: 'https://www.tomshardware.com/reviews/raspberry-pi-4' },
  ],
});

export const raspberryPi5 = catalogEntry({
  id: 'raspberry-pi-5',
  kind: 'cpu',
  name: 'Raspberry Pi 5 (8 GB)',
  vendor: 'Raspberry Pi Ltd',
  description: 'Broadcom BCM2712, 4x Arm Cortex-A76 at 2.4 GHz (ARMv8.2-A: NEON, fp16 arithmetic, SDOT/UDOT), LPDDR4X-4267.',
  architecture: 'arm64',
  cores: 4, // [1]
  clockHz: 2400 * MHz, // [1]
  isaFeatures: ['neon', 'fp16-arith', 'dotprod'], // [2]
  precisions: ['fp32', 'fp16', 'int8'],
  peakMacsPerSecond: {
    // Two 128-bit ASIMD pipes, each one FMLA per cycle [2]: 2 x 4 = 8 fp32 MACs/cycle/core.
    fp32: 4 * 2400 * MHz * 8,
    // Same pipes on 8 fp16 lanes: 16 MACs/cycle/core.
    fp16: 4 * 2400 * MHz * 16,
    // SDOT: 16 int8 MACs per 128-bit instruction, two pipes: 32 MACs/cycle/core.
    int8: 4 * 2400 * MHz * 32,
  },
  memory: {
    ramBytes: 8 * GiB, // [1] 2, 4, 8 (and 16) GB variants; this entry is the 8 GB board
    bandwidthBytesPerSecond: 4267 * 4 * MB_PER_S, // [1] LPDDR4X-4267 on a 32-bit bus: 17.1 GB/s
  },
  sparsity: NO_SPARSITY,
  power: { activeWatts: 8, idleWatts: 2.7 }, // [3] whole board, approximate third-party measurements
  fallback: { macsPerSecond: 4 * 2400 * MHz, description: 'scalar code, one MAC per cycle per core' },
  runtimeNotes: ['int8 GEMM kernels use SDOT (dotprod); bf16 layers are converted to fp32.'],
  sources: [
    { title: '[1] Raspberry Pi 5 product brief', url: 'https://datasheets.raspberrypi.com/rpi5/raspberry-pi-5-product-brief.pdf' },
    { title: '[2] Arm Cortex-A76 Software Optimization Guide (two 128-bit ASIMD pipes, SDOT throughput)', url: 'https://developer.arm.com/documentation/pjdoc466751330-7215/latest' },
    { title: '[3] Raspberry Pi 5 power measurements (idle ~2.7 W, stress ~8 W), third-party reviews', url: 'https://www.jeffgeerling.com/blog/2023/raspberry-pi-5-power-consumption' },
  ],
});

export const snapdragon8Gen2PrimeCore = catalogEntry({
  id: 'snapdragon-8-gen-2-cortex-x3',
  kind: 'cpu',
  name: 'Snapdragon 8 Gen 2 prime core (Cortex-X3)',
  vendor: 'Qualcomm / Arm',
  description: 'The single Arm Cortex-X3 prime core of a Snapdragon 8 Gen 2 phone at 3.19 GHz (ARMv9-A: NEON, SVE2, dotprod, i8mm, bf16). Single-threaded phone inference.',
  architecture: 'arm64',
  cores: 1, // the prime core only: latency-critical phone inference runs on it
  clockHz: 3190 * MHz, // [1]
  isaFeatures: ['neon', 'fp16-arith', 'dotprod', 'i8mm', 'bf16', 'sve', 'sve2'], // [2]
  precisions: ['fp32', 'fp16', 'int8'],
  peakMacsPerSecond: {
    // Four 128-bit ASIMD pipes [2]: 4 x 4 = 16 fp32 MACs/cycle.
    fp32: 3190 * MHz * 16,
    // 4 x 8 fp16 lanes = 32 MACs/cycle.
    fp16: 3190 * MHz * 32,
    // SDOT on four pipes: 4 x 16 = 64 int8 MACs/cycle.
    int8: 3190 * MHz * 64,
  },
  memory: {
    ramBytes: 8 * GiB, // typical 8 GB phone (e.g. Galaxy S23); assumption
    bandwidthBytesPerSecond: 8400 * 8 * MB_PER_S, // [1] LPDDR5X at 4200 MHz (8400 MT/s), 64-bit: 67.2 GB/s for the whole SoC
  },
  sparsity: NO_SPARSITY,
  power: { activeWatts: 3.5, idleWatts: 0.3 }, // assumption: one X3 core at full clock plus its memory traffic; no vendor figure
  fallback: { macsPerSecond: 3190 * MHz, description: 'scalar code, one MAC per cycle' },
  runtimeNotes: [
    'bf16 instructions exist (BFDOT/BFMMLA) but mobile runtimes rarely use them; bf16 layers are estimated at the fp32 rate.',
    'The memory bandwidth is the SoC figure; one core alone reaches only part of it.',
  ],
  sources: [
    { title: '[1] Snapdragon 8 Gen 2 Mobile Platform product brief (prime core up to 3.19 GHz, LPDDR5X up to 4200 MHz)', url: 'https://www.qualcomm.com/products/mobile/snapdragon/smartphones/snapdragon-8-series-mobile-platforms/snapdragon-8-gen-2-mobile-platform' },
    { title: '[2] Arm Cortex-X3 Technical Reference Manual / Software Optimization Guide (4x128-bit SIMD)', url: 'https://developer.arm.com/Processors/Cortex-X3' },
  ],
});

export const xeonE5V4Avx2 = catalogEntry({
  id: 'xeon-e5-2690-v4',
  kind: 'cpu',
  name: 'Intel Xeon E5-2690 v4 (Broadwell-EP, AVX2, no VNNI)',
  vendor: 'Intel',
  description: 'x86-64 server socket, 14 cores at 2.6 GHz base, AVX2 + FMA3 without AVX-512 or VNNI, 4 channels of DDR4-2400.',
  architecture: 'x86_64',
  cores: 14, // [1]
  clockHz: 2600 * MHz, // [1] base; turbo up to 3.5 GHz
  isaFeatures: ['sse4.1', 'avx', 'avx2', 'fma'], // [1]
  precisions: ['fp32', 'int8'],
  peakMacsPerSecond: {
    // Two 256-bit FMA ports: 2 x 8 = 16 fp32 MACs/cycle/core [2].
    fp32: 14 * 2600 * MHz * 16,
    // u8 x s8 without VNNI: VPMADDUBSW (32 products summed in pairs into int16) then VPMADDWD to
    // widen to int32; on Broadwell both issue only on port 0 [2]: 32 MACs per 2 cycles = 16/cycle.
    // So int8 computes no faster than fp32 here; it wins only by moving 4x fewer bytes.
    int8: 14 * 2600 * MHz * 16,
  },
  memory: {
    ramBytes: 64 * GiB, // assumption: a 64 GB server configuration (the socket supports up to 1.5 TB)
    bandwidthBytesPerSecond: 76.8 * GB_PER_S, // [1] max memory bandwidth (4 x DDR4-2400 x 8 B)
  },
  sparsity: NO_SPARSITY,
  power: { activeWatts: 135, idleWatts: 30 }, // [1] TDP; idle is an assumption for the package
  fallback: { macsPerSecond: 14 * 2600 * MHz * 2, description: 'scalar code, two MACs per cycle per core' },
  runtimeNotes: [
    'Without VNNI, VPMADDUBSW sums two u8 x s8 products into a saturating int16: 8-bit weights can overflow it. Quantize weights to 7 bits (reduce_range).',
    'fp16/bf16 layers are converted to fp32 (F16C conversion only).',
  ],
  sources: [
    { title: '[1] Intel ARK: Intel Xeon Processor E5-2690 v4 (35M Cache, 2.60 GHz)', url: 'https://www.intel.com/content/www/us/en/products/sku/91770/intel-xeon-processor-e52690-v4-35m-cache-2-60-ghz/specifications.html' },
    { title: '[2] Intel 64 and IA-32 Architectures Optimization Reference Manual; uops.info latency/throughput tables (VPMADDUBSW, VPMADDWD, VFMADD on Broadwell)', url: 'https://uops.info/table.html' },
  ],
});

export const xeonPlatinum8280Vnni = catalogEntry({
  id: 'xeon-platinum-8280',
  kind: 'cpu',
  name: 'Intel Xeon Platinum 8280 (Cascade Lake, AVX-512 VNNI)',
  vendor: 'Intel',
  description: 'x86-64 server socket, 28 cores at 2.7 GHz base, AVX-512 with two FMA units and VNNI (VPDPBUSD), 6 channels of DDR4-2933.',
  architecture: 'x86_64',
  cores: 28, // [1]
  clockHz: 2700 * MHz, // [1] base; AVX-512 heavy code runs at lower licence clocks, absorbed by the efficiency factor
  isaFeatures: ['sse4.1', 'avx', 'avx2', 'fma', 'avx512f', 'avx512bw', 'avx512-vnni'], // [1]
  precisions: ['fp32', 'int8'],
  peakMacsPerSecond: {
    // Two 512-bit FMA units: 2 x 16 = 32 fp32 MACs/cycle/core [2].
    fp32: 28 * 2700 * MHz * 32,
    // VPDPBUSD: 64 u8 x s8 MACs into int32 per 512-bit instruction, two per cycle: 128 MACs/cycle/core.
    int8: 28 * 2700 * MHz * 128,
  },
  memory: {
    ramBytes: 192 * GiB, // assumption: 6 x 32 GB DIMMs
    bandwidthBytesPerSecond: 6 * 2933 * 8 * MB_PER_S, // [1] 6 channels of DDR4-2933 x 8 B = 140.8 GB/s
  },
  sparsity: NO_SPARSITY,
  power: { activeWatts: 205, idleWatts: 40 }, // [1] TDP; idle is an assumption for the package
  fallback: { macsPerSecond: 28 * 2700 * MHz * 2, description: 'scalar code, two MACs per cycle per core' },
  runtimeNotes: ['VNNI accumulates u8 x s8 products straight into int32: full 8-bit weights are safe (no reduce_range).'],
  sources: [
    { title: '[1] Intel ARK: Intel Xeon Platinum 8280 Processor (38.5M Cache, 2.70 GHz)', url: 'https://www.intel.com/content/www/us/en/products/sku/192478/intel-xeon-platinum-8280-processor-38-5m-cache-2-70-ghz/specifications.html' },
    { title: '[2] Intel Deep Learning Boost (VNNI) overview and uops.info tables for VPDPBUSD on Cascade Lake', url: 'https://uops.info/table.html' },
  ],
});

export const CPU_TARGETS: readonly HardwareTarget[] = [raspberryPi4, raspberryPi5, snapdragon8Gen2PrimeCore, xeonE5V4Avx2, xeonPlatinum8280Vnni];
