/**
 * KernelService by direct calls into @edgepress/kernels-native (for the CLI, tests and the
 * server itself). The functions validate their own arguments; nothing is copied.
 */
// The client entry loads kernels-native lazily (only its shared-memory helper, on request); the
// server side, this file included, needs it at once.
// eslint-disable-next-line @nx/enforce-module-boundaries
import * as native from '@edgepress/kernels-native';
import type { CalibratorSessionOptions, KernelCalibrator } from './calibration/kernel-calibrator';
import type { KernelService } from './kernel-service';

async function createCalibrator(options: CalibratorSessionOptions = {}): Promise<KernelCalibrator> {
  const { threads, ...calibratorOptions } = options ?? {};
  const calibrator = new native.Calibrator(calibratorOptions);
  return {
    update: (batch, updateOptions = {}) => calibrator.update(batch, { threads, ...updateOptions }),
    range: (rangeOptions) => calibrator.range(rangeOptions),
    quantParams: (paramsOptions) => calibrator.quantParams(paramsOptions),
    histogram: () => calibrator.histogram(),
    stats: () => calibrator.stats(),
    close: async () => undefined,
  };
}

export function createInProcessKernels(): KernelService {
  return {
    quantizeLinear: native.quantizeLinear,
    dequantizeLinear: native.dequantizeLinear,
    tensorMinMax: native.tensorMinMax,
    quantizeTensor: native.quantizeTensor,
    createCalibrator,
    quantizeBinary: native.quantizeBinary,
    quantizeTernary: native.quantizeTernary,
    dequantizeSigned: native.dequantizeSigned,
    packInt8Weights: native.packInt8Weights,
    matmulInteger: native.matmulInteger,
    matmulIntegerToFloat: native.matmulIntegerToFloat,
    qlinearMatmul: native.qlinearMatmul,
    dynamicQuantizeMatmul: native.dynamicQuantizeMatmul,
    quantizeInt4Weights: native.quantizeInt4Weights,
    matmulNBits: native.matmulNBits,
    magnitudeThreshold: native.magnitudeThreshold,
    applyMagnitudeMask: native.applyMagnitudeMask,
    pruneByMagnitude: native.pruneByMagnitude,
    nmMask: native.nmMask,
    channelImportance: native.channelImportance,
    packCsr: native.packCsr,
    packCsc: native.packCsc,
    unpackCsr: native.unpackCsr,
    unpackCsc: native.unpackCsc,
    csrMatmul: native.csrMatmul,
    matmulDenseCsc: native.matmulDenseCsc,
    kmeansCluster: native.kmeansCluster,
    huffmanCode: native.huffmanCode,
    truncatedSvd: native.truncatedSvd,
    lowRankFactors: native.lowRankFactors,
    tucker2Conv: native.tucker2Conv,
  };
}
