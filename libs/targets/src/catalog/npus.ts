/**
 * NPU targets. Vendors quote NPU throughput in TOPS (two ops per MAC): peak MAC/s = TOPS / 2.
 * Where a vendor publishes no figure (power of a block inside a SoC, on-chip bandwidth), the entry
 * says "assumption" next to the number. Sources are numbered [n] in each entry's `sources`.
 */
import { catalogEntry } from './catalog-entry';
import type { HardwareTarget } from '../schema/target-schema';
import { APPLE_NEURAL_ENGINE_OPS, EDGE_TPU_OPS, QNN_HTP_OPS } from './operator-sets';
import { GB_PER_S, GiB, MB_PER_S, MHz, MiB, tops } from './units';

const NO_SPARSITY = { structured: [], unstructured: null };

export const coralEdgeTpu = catalogEntry({
  id: 'coral-edge-tpu',
  kind: 'npu',
  name: 'Google Coral Edge TPU (USB Accelerator)',
  vendor: 'Google',
  description: 'Edge TPU ASIC: 4 TOPS int8 at 2 W, about 8 MB of on-chip SRAM that caches parameters, fully int8-quantized TFLite models compiled ahead of time, attached over USB 3.0.',
  precisions: ['int8'], // [1] "Tensor parameters are quantized (8-bit fixed-point numbers; int8 or uint8)"
  peakMacsPerSecond: { int8: tops(4) }, // [2] 4 TOPS = 2 TMAC/s
  memory: {
    ramBytes: 8 * MiB, // [1] on-chip SRAM for model parameters ("roughly 8 MB"); activations also stay on chip
    // Assumption: Google publishes no on-chip bandwidth. 32 GB/s is the order of a 64-byte SRAM port
    // at ~500 MHz; the estimate only needs it for activation traffic.
    bandwidthBytesPerSecond: 32 * GB_PER_S,
  },
  sparsity: NO_SPARSITY,
  power: { activeWatts: 2, idleWatts: 0.5 }, // [2] 0.5 W per TOPS x 4 TOPS; idle is an assumption
  fallback: {
    macsPerSecond: 4 * 1500 * MHz * 4, // the fp32 NEON peak of a Raspberry Pi 4-class host (see raspberry-pi-4)
    description: 'host CPU running TFLite (assumed Raspberry Pi 4-class: 4x Cortex-A72, fp32 NEON)',
  },
  quantization: {
    // The Edge TPU was built for per-tensor (TF1 quantization-aware) uint8/int8 models; Edgepress
    // requires per-tensor scales for it, the conservative choice that always compiles.
    perTensorOnly: true,
    symmetricWeights: false,
  },
  staticShapesRequired: true, // [1] "Tensor sizes are constant at compile-time (no dynamic sizes)"
  supportedOps: [...EDGE_TPU_OPS], // [1] supported operations table
  unsupportedOps: 'host-fallback', // [1] the first unsupported op and every op after it run on the CPU
  maxTensorRank: 3, // [1] "If a tensor has more than 3 dimensions, then only the 3 innermost dimensions may have a size greater than 1"
  fp32ExecutedAs: null,
  offChipWeightStreaming: { link: 'USB 3.0 (5 Gbit/s)', bandwidthBytesPerSecond: 625 * MB_PER_S }, // [1] parameters beyond the cache stream from the host
  runtimeNotes: [
    'The Edge TPU compiler maps ops until the first unsupported one; that op and everything after it run on the host CPU.',
    'Parameters that do not fit the ~8 MB on-chip cache are streamed from the host on every inference.',
  ],
  sources: [
    { title: '[1] Coral: TensorFlow models on the Edge TPU (model requirements, supported operations, parameter data caching)', url: 'https://coral.ai/docs/edgetpu/models-intro/' },
    { title: '[2] Coral USB Accelerator datasheet / Edge TPU performance: 4 TOPS, 2 TOPS per watt', url: 'https://coral.ai/docs/accelerator/datasheet/' },
  ],
});

export const snapdragonXEliteHexagon = catalogEntry({
  id: 'snapdragon-x-elite-hexagon',
  kind: 'npu',
  name: 'Qualcomm Hexagon NPU (Snapdragon X Elite)',
  vendor: 'Qualcomm',
  description: 'Hexagon NPU (HTP: scalar, vector and tensor units) of the Snapdragon X Elite, 45 TOPS int8; the phone Snapdragons of the same generation carry the same class of NPU. Runs through QNN (ONNX Runtime QNN provider).',
  precisions: ['int8', 'fp16'],
  peakMacsPerSecond: {
    int8: tops(45), // [1] 45 TOPS NPU
    // Assumption: Qualcomm publishes no fp16 figure; the HTP tensor unit is taken at half its int8 rate.
    fp16: tops(45) / 2,
  },
  memory: {
    ramBytes: 16 * GiB, // assumption: a 16 GB laptop
    bandwidthBytesPerSecond: 8448 * 16 * MB_PER_S, // [1] LPDDR5x-8448 on a 128-bit bus: 135 GB/s
  },
  sparsity: NO_SPARSITY,
  power: { activeWatts: 5, idleWatts: 0.5 }, // assumption: NPU plus its memory traffic; Qualcomm publishes no NPU power
  fallback: {
    macsPerSecond: 12 * 3800 * MHz * 16, // 12 Oryon cores x 3.8 GHz x four 128-bit FMA pipes (16 fp32 MACs/cycle)
    description: 'Oryon CPU through the ONNX Runtime CPU provider (fp32)',
  },
  quantization: { perTensorOnly: false, symmetricWeights: false }, // [2] per-channel int8 weights supported
  staticShapesRequired: true, // [2] the QNN provider needs fixed input shapes
  supportedOps: [...QNN_HTP_OPS], // [2][3]
  unsupportedOps: 'host-fallback', // [2] ONNX Runtime assigns unsupported nodes to the CPU provider
  maxTensorRank: null,
  fp32ExecutedAs: 'fp16', // [2] enable_htp_fp16_precision runs fp32 models in fp16 on HTP
  offChipWeightStreaming: null,
  runtimeNotes: [
    'Quantized models should be QDQ with uint8/uint16 activations and int8 weights (ONNX Runtime QNN quantization helpers).',
    'int4 weights are widened to int8 in this estimate.',
  ],
  sources: [
    { title: '[1] Qualcomm Snapdragon X Elite product brief: Hexagon NPU 45 TOPS, LPDDR5x 8448 MT/s, 135 GB/s', url: 'https://www.qualcomm.com/products/mobile/snapdragon/pcs-and-tablets/snapdragon-x-elite' },
    { title: '[2] ONNX Runtime QNN Execution Provider documentation (HTP backend, fixed shapes, fp16 precision option, supported ONNX ops)', url: 'https://onnxruntime.ai/docs/execution-providers/QNN-ExecutionProvider.html' },
    { title: '[3] Qualcomm AI Engine Direct (QNN) SDK: Supported Operations', url: 'https://docs.qualcomm.com/bundle/publicresource/topics/80-63442-50/SupportedOps.html' },
  ],
});

export const appleNeuralEngine = catalogEntry({
  id: 'apple-neural-engine',
  kind: 'npu',
  name: 'Apple Neural Engine (A16 Bionic, 16-core)',
  vendor: 'Apple',
  description: '16-core Neural Engine of the A16 Bionic (iPhone 14 Pro/15): 17 TOPS, fp16 compute; int8 weights are decompressed to fp16 (int8 x int8 compute arrived with A17 Pro/M4). Runs through Core ML.',
  precisions: ['fp16', 'int8'],
  peakMacsPerSecond: {
    fp16: tops(17), // [1] 17 trillion operations per second
    // [2] on A16-class Neural Engines int8 weights are computed at the fp16 rate (increased int8-int8
    // throughput only from A17 Pro/M4): int8 saves memory traffic, not math.
    int8: tops(17),
  },
  memory: {
    ramBytes: 6 * GiB, // [3] 6 GB LPDDR5
    bandwidthBytesPerSecond: 6400 * 8 * MB_PER_S, // [3] LPDDR5-6400 on a 64-bit bus: 51.2 GB/s
  },
  sparsity: NO_SPARSITY,
  power: { activeWatts: 2, idleWatts: 0.1 }, // assumption: Apple publishes no Neural Engine power
  fallback: {
    // 5 GPU cores x 128 fp32 ALUs x 1.398 GHz: one FMA per ALU per clock.
    macsPerSecond: 5 * 128 * 1398 * MHz,
    description: 'A16 GPU (Core ML places layers the Neural Engine cannot run on the GPU or CPU)',
  },
  quantization: { perTensorOnly: false, symmetricWeights: false }, // [2] per-channel, symmetric or affine weights
  staticShapesRequired: true, // [4] range-flexible shapes leave the Neural Engine; fixed or enumerated shapes stay on it
  supportedOps: [...APPLE_NEURAL_ENGINE_OPS],
  unsupportedOps: 'host-fallback',
  maxTensorRank: null,
  fp32ExecutedAs: 'fp16', // [2] the Neural Engine computes in fp16: Core ML runs fp32 models in fp16 on it
  offChipWeightStreaming: null,
  runtimeNotes: ['Convert with coremltools; the op list is a conservative Edgepress list, Apple publishes none.'],
  sources: [
    { title: '[1] Apple A16 Bionic announcement (September 2022): 16-core Neural Engine, 17 trillion operations per second', url: 'https://www.apple.com/newsroom/2022/09/apple-debuts-iphone-14-pro-and-iphone-14-pro-max/' },
    { title: '[2] coremltools guide: quantization performance (int8-int8 compute on A17 Pro/M4; weight decompression to fp16)', url: 'https://apple.github.io/coremltools/docs-guides/source/opt-quantization-perf.html' },
    { title: '[3] Apple A16 specifications (6 GB LPDDR5, 50% more memory bandwidth than A15)', url: 'https://en.wikipedia.org/wiki/Apple_A16' },
    { title: '[4] coremltools guide: flexible input shapes (enumerated shapes for the Neural Engine)', url: 'https://apple.github.io/coremltools/docs-guides/source/flexible-inputs.html' },
  ],
});

export const NPU_TARGETS: readonly HardwareTarget[] = [coralEdgeTpu, snapdragonXEliteHexagon, appleNeuralEngine];
