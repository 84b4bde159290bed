/**
 * KernelService by direct calls into @edgepress/kernels-native (for the CLI, tests and the
 * server itself). The functions validate their own arguments; nothing is copied.
 */
import * as native from '@edgepress/kernels-native';
import type { KernelService } from './kernel-service';

export function createInProcessKernels(): KernelService {
  return {
    quantizeLinear: native.quantizeLinear,
    dequantizeLinear: native.dequantizeLinear,
    tensorMinMax: native.tensorMinMax,
    quantizeTensor: native.quantizeTensor,
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
  };
}
