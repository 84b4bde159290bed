/**
 * Microcontroller targets. The model runs single-threaded under TensorFlow Lite Micro with a vendor
 * kernel library (CMSIS-NN, ESP-NN); weights stay in flash (execute-in-place) and activations live
 * in one contiguous SRAM arena. Peak MAC/s = clock x MACs per cycle of the SIMD instruction the
 * kernels use. Power figures are typical supply currents x 3.3 V (3.0 V for the nRF52840).
 * Sources are numbered [n] in each entry's `sources`.
 */
import { catalogEntry } from './catalog-entry';
import type { HardwareTarget } from '../schema/target-schema';
import { CMSIS_NN_OPS, ESP_NN_OPS, TFLM_OPS } from './operator-sets';
import { KiB, MB_PER_S, MHz, MiB } from './units';

const NO_SPARSITY = { structured: [], unstructured: null };
/** TFLite's int8 spec: weights symmetric (zero point 0), per-channel allowed; CMSIS-NN and ESP-NN follow it. */
const TFLITE_INT8_SPEC = { perTensorOnly: false, symmetricWeights: true };

export const stm32h7 = catalogEntry({
  id: 'stm32h7',
  kind: 'mcu',
  name: 'STMicroelectronics STM32H743 (Cortex-M7 at 480 MHz)',
  vendor: 'STMicroelectronics',
  description: 'Arm Cortex-M7 at 480 MHz with double-precision FPU and DSP extension, 2 MB flash, 1 MB RAM (512 KB AXI SRAM is the largest block); TFLite Micro with CMSIS-NN.',
  core: 'cortex-m7',
  clockHz: 480 * MHz, // [1]
  fpu: 'dp', // [1]
  isaFeatures: ['dsp'], // [1] Armv7E-M DSP instructions (SMLAD)
  precisions: ['fp32', 'int8'],
  peakMacsPerSecond: {
    // SMLAD: two 16-bit MACs per cycle (CMSIS-NN widens int8 operands to 16 bits): 480 MHz x 2.
    int8: 480 * MHz * 2,
    // VFMA.F32 one per cycle [2]: 480 MHz x 1.
    fp32: 480 * MHz,
  },
  memory: {
    ramBytes: 1 * MiB, // [1] "1 Mbyte of RAM": 192 KB TCM + 864 KB user SRAM, in several banks
    // The Cortex-M7's 64-bit AXI master at 240 MHz: 1.92 GB/s (DTCM is faster but only 128 KB).
    bandwidthBytesPerSecond: 8 * 240 * MHz,
  },
  largestContiguousSramBytes: 512 * KiB, // [1] AXI SRAM, the largest single bank
  flash: {
    bytes: 2 * MiB, // [1]
    // Upper bound: 64-bit AXI at 240 MHz; flash wait states at that clock lower it further.
    readBandwidthBytesPerSecond: 8 * 240 * MHz,
  },
  externalRam: null,
  sparsity: NO_SPARSITY,
  power: { activeWatts: 0.4, idleWatts: 0.01 }, // approximate: ~120 mA Run mode at 480 MHz x 3.3 V [1]; Stop mode a few mA
  fallback: { macsPerSecond: 480 * MHz * 0.5, description: 'TFLite Micro reference C kernels (about one MAC per two cycles)' },
  quantization: TFLITE_INT8_SPEC,
  kernels: { library: 'TensorFlow Lite Micro + CMSIS-NN', supportedOps: [...TFLM_OPS], optimizedOps: [...CMSIS_NN_OPS] }, // [3][4]
  runtimeNotes: ['X-CUBE-AI can split activations over several SRAM banks; TFLite Micro needs one contiguous arena.'],
  sources: [
    { title: '[1] STM32H743xI datasheet DS12110 (480 MHz Cortex-M7, 2 MB flash, 1 MB RAM, memory map, supply current in Run mode)', url: 'https://www.st.com/resource/en/datasheet/stm32h743zi.pdf' },
    { title: '[2] Arm Cortex-M7 Technical Reference Manual (instruction timing, FPU)', url: 'https://developer.arm.com/documentation/ddi0489/latest' },
    { title: '[3] CMSIS-NN (optimized int8 kernels for Cortex-M)', url: 'https://github.com/ARM-software/CMSIS-NN' },
    { title: '[4] TensorFlow Lite for Microcontrollers kernels', url: 'https://github.com/tensorflow/tflite-micro' },
  ],
});

export const esp32S3 = catalogEntry({
  id: 'esp32-s3',
  kind: 'mcu',
  name: 'Espressif ESP32-S3 (ESP32-S3-WROOM-1-N8R8: 8 MB flash, 8 MB PSRAM)',
  vendor: 'Espressif',
  description: 'Dual Xtensa LX7 at 240 MHz with 128-bit PIE vector instructions, 512 KB SRAM; this entry assumes the N8R8 module (8 MB quad-SPI flash, 8 MB octal PSRAM). TFLite Micro with ESP-NN on one core.',
  core: 'xtensa-lx7',
  clockHz: 240 * MHz, // [1]
  fpu: 'sp', // [1]
  isaFeatures: ['xtensa-pie'], // [1] 128-bit vector instructions (EE.VMULAS.S8 and friends)
  precisions: ['fp32', 'int8'],
  peakMacsPerSecond: {
    // One core (TFLite Micro is single-threaded): a 128-bit vector MAC does 16 int8 MACs per cycle: 240 MHz x 16.
    int8: 240 * MHz * 16,
    // Single-precision FPU, one MADD.S per cycle: 240 MHz x 1.
    fp32: 240 * MHz,
  },
  memory: {
    ramBytes: 512 * KiB, // [1] internal SRAM (ESP-IDF and Wi-Fi take part of it)
    bandwidthBytesPerSecond: 16 * 240 * MHz, // one 128-bit vector load per cycle: 3.84 GB/s
  },
  largestContiguousSramBytes: 320 * KiB, // assumption: typical largest free internal block with Wi-Fi off
  flash: {
    bytes: 8 * MiB, // [2] N8R8 module
    readBandwidthBytesPerSecond: 40 * MB_PER_S, // quad SPI at 80 MHz: 4 bits x 80 MHz (cache hits are faster)
  },
  externalRam: {
    bytes: 8 * MiB, // [2] N8R8 module: octal PSRAM
    bandwidthBytesPerSecond: 160 * MB_PER_S, // octal SPI at 80 MHz, double data rate: 8 bits x 2 x 80 MHz
  },
  sparsity: NO_SPARSITY,
  power: { activeWatts: 0.25, idleWatts: 0.001 }, // approximate: ~75 mA at 3.3 V with CPU and PSRAM busy, Wi-Fi off; light sleep < 1 mA [1]
  fallback: { macsPerSecond: 240 * MHz * 0.5, description: 'TFLite Micro reference C kernels (about one MAC per two cycles)' },
  quantization: TFLITE_INT8_SPEC,
  kernels: { library: 'TensorFlow Lite Micro + ESP-NN', supportedOps: [...TFLM_OPS], optimizedOps: [...ESP_NN_OPS] }, // [3]
  runtimeNotes: [
    'Without the N8R8 module (no PSRAM), activations must fit the internal SRAM.',
    'Weights are read from quad-SPI flash through a cache: large fully connected layers are flash-bound.',
  ],
  sources: [
    { title: '[1] ESP32-S3 Series Datasheet (240 MHz Xtensa LX7, 512 KB SRAM, SIMD, current consumption)', url: 'https://www.espressif.com/sites/default/files/documentation/esp32-s3_datasheet_en.pdf' },
    { title: '[2] ESP32-S3-WROOM-1 / WROOM-1U Datasheet (N8R8: 8 MB flash, 8 MB octal PSRAM)', url: 'https://www.espressif.com/sites/default/files/documentation/esp32-s3-wroom-1_wroom-1u_datasheet_en.pdf' },
    { title: '[3] ESP-NN: optimized neural-network functions for Espressif chips', url: 'https://github.com/espressif/esp-nn' },
  ],
});

export const nrf52840 = catalogEntry({
  id: 'nrf52840',
  kind: 'mcu',
  name: 'Nordic nRF52840 (Cortex-M4F at 64 MHz)',
  vendor: 'Nordic Semiconductor',
  description: 'Bluetooth LE SoC with an Arm Cortex-M4F at 64 MHz (single-precision FPU, DSP extension), 1 MB flash, 256 KB RAM; TFLite Micro with CMSIS-NN.',
  core: 'cortex-m4f',
  clockHz: 64 * MHz, // [1]
  fpu: 'sp', // [1]
  isaFeatures: ['dsp'],
  precisions: ['fp32', 'int8'],
  peakMacsPerSecond: {
    int8: 64 * MHz * 2, // SMLAD: two 16-bit MACs per cycle
    fp32: (64 * MHz) / 3, // [2] VFMA.F32 takes 3 cycles on the Cortex-M4 FPU
  },
  memory: {
    ramBytes: 256 * KiB, // [1]
    bandwidthBytesPerSecond: 4 * 64 * MHz, // 32-bit AHB at 64 MHz: 256 MB/s
  },
  largestContiguousSramBytes: 256 * KiB, // [1] one contiguous data RAM region
  flash: {
    bytes: 1 * MiB, // [1]
    readBandwidthBytesPerSecond: 4 * 64 * MHz, // 32-bit reads at 64 MHz through the instruction cache
  },
  externalRam: null,
  sparsity: NO_SPARSITY,
  power: { activeWatts: 0.0099, idleWatts: 0.0000045 }, // [1] CPU running from flash with cache, DC/DC: 3.3 mA x 3 V; System ON idle 1.5 uA x 3 V
  fallback: { macsPerSecond: (64 * MHz) / 2, description: 'TFLite Micro reference C kernels (about one MAC per two cycles)' },
  quantization: TFLITE_INT8_SPEC,
  kernels: { library: 'TensorFlow Lite Micro + CMSIS-NN', supportedOps: [...TFLM_OPS], optimizedOps: [...CMSIS_NN_OPS] },
  runtimeNotes: ['The BLE stack (SoftDevice) reserves part of the flash and RAM.'],
  sources: [
    { title: '[1] nRF52840 Product Specification v1.x (64 MHz Cortex-M4F, 1 MB flash, 256 KB RAM, current consumption)', url: 'https://docs.nordicsemi.com/bundle/ps_nrf52840/page/keyfeatures_html5.html' },
    { title: '[2] Arm Cortex-M4 Technical Reference Manual, FPU instruction timing', url: 'https://developer.arm.com/documentation/100166/latest' },
  ],
});

export const MCU_TARGETS: readonly HardwareTarget[] = [stm32h7, esp32S3, nrf52840];
