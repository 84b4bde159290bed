import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApplyMagnitudeMaskArgs as _edgepress_kernels_v1_ApplyMagnitudeMaskArgs, ApplyMagnitudeMaskArgs__Output as _edgepress_kernels_v1_ApplyMagnitudeMaskArgs__Output } from './edgepress/kernels/v1/ApplyMagnitudeMaskArgs';
import type { ApplyMagnitudeMaskRequest as _edgepress_kernels_v1_ApplyMagnitudeMaskRequest, ApplyMagnitudeMaskRequest__Output as _edgepress_kernels_v1_ApplyMagnitudeMaskRequest__Output } from './edgepress/kernels/v1/ApplyMagnitudeMaskRequest';
import type { ApplyMagnitudeMaskResponse as _edgepress_kernels_v1_ApplyMagnitudeMaskResponse, ApplyMagnitudeMaskResponse__Output as _edgepress_kernels_v1_ApplyMagnitudeMaskResponse__Output } from './edgepress/kernels/v1/ApplyMagnitudeMaskResponse';
import type { CalibrationDone as _edgepress_kernels_v1_CalibrationDone, CalibrationDone__Output as _edgepress_kernels_v1_CalibrationDone__Output } from './edgepress/kernels/v1/CalibrationDone';
import type { CalibrationError as _edgepress_kernels_v1_CalibrationError, CalibrationError__Output as _edgepress_kernels_v1_CalibrationError__Output } from './edgepress/kernels/v1/CalibrationError';
import type { CalibrationHistogram as _edgepress_kernels_v1_CalibrationHistogram, CalibrationHistogram__Output as _edgepress_kernels_v1_CalibrationHistogram__Output } from './edgepress/kernels/v1/CalibrationHistogram';
import type { CalibrationHistogramQuery as _edgepress_kernels_v1_CalibrationHistogramQuery, CalibrationHistogramQuery__Output as _edgepress_kernels_v1_CalibrationHistogramQuery__Output } from './edgepress/kernels/v1/CalibrationHistogramQuery';
import type { CalibrationHistogramSide as _edgepress_kernels_v1_CalibrationHistogramSide, CalibrationHistogramSide__Output as _edgepress_kernels_v1_CalibrationHistogramSide__Output } from './edgepress/kernels/v1/CalibrationHistogramSide';
import type { CalibrationOpen as _edgepress_kernels_v1_CalibrationOpen, CalibrationOpen__Output as _edgepress_kernels_v1_CalibrationOpen__Output } from './edgepress/kernels/v1/CalibrationOpen';
import type { CalibrationParamsQuery as _edgepress_kernels_v1_CalibrationParamsQuery, CalibrationParamsQuery__Output as _edgepress_kernels_v1_CalibrationParamsQuery__Output } from './edgepress/kernels/v1/CalibrationParamsQuery';
import type { CalibrationQuantParams as _edgepress_kernels_v1_CalibrationQuantParams, CalibrationQuantParams__Output as _edgepress_kernels_v1_CalibrationQuantParams__Output } from './edgepress/kernels/v1/CalibrationQuantParams';
import type { CalibrationRange as _edgepress_kernels_v1_CalibrationRange, CalibrationRange__Output as _edgepress_kernels_v1_CalibrationRange__Output } from './edgepress/kernels/v1/CalibrationRange';
import type { CalibrationRangeQuery as _edgepress_kernels_v1_CalibrationRangeQuery, CalibrationRangeQuery__Output as _edgepress_kernels_v1_CalibrationRangeQuery__Output } from './edgepress/kernels/v1/CalibrationRangeQuery';
import type { CalibrationRequest as _edgepress_kernels_v1_CalibrationRequest, CalibrationRequest__Output as _edgepress_kernels_v1_CalibrationRequest__Output } from './edgepress/kernels/v1/CalibrationRequest';
import type { CalibrationResponse as _edgepress_kernels_v1_CalibrationResponse, CalibrationResponse__Output as _edgepress_kernels_v1_CalibrationResponse__Output } from './edgepress/kernels/v1/CalibrationResponse';
import type { CalibrationStats as _edgepress_kernels_v1_CalibrationStats, CalibrationStats__Output as _edgepress_kernels_v1_CalibrationStats__Output } from './edgepress/kernels/v1/CalibrationStats';
import type { CalibrationStatsQuery as _edgepress_kernels_v1_CalibrationStatsQuery, CalibrationStatsQuery__Output as _edgepress_kernels_v1_CalibrationStatsQuery__Output } from './edgepress/kernels/v1/CalibrationStatsQuery';
import type { CalibrationUpdate as _edgepress_kernels_v1_CalibrationUpdate, CalibrationUpdate__Output as _edgepress_kernels_v1_CalibrationUpdate__Output } from './edgepress/kernels/v1/CalibrationUpdate';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from './edgepress/kernels/v1/CallOptions';
import type { ChannelImportanceArgs as _edgepress_kernels_v1_ChannelImportanceArgs, ChannelImportanceArgs__Output as _edgepress_kernels_v1_ChannelImportanceArgs__Output } from './edgepress/kernels/v1/ChannelImportanceArgs';
import type { ChannelImportanceRequest as _edgepress_kernels_v1_ChannelImportanceRequest, ChannelImportanceRequest__Output as _edgepress_kernels_v1_ChannelImportanceRequest__Output } from './edgepress/kernels/v1/ChannelImportanceRequest';
import type { ChannelImportanceResponse as _edgepress_kernels_v1_ChannelImportanceResponse, ChannelImportanceResponse__Output as _edgepress_kernels_v1_ChannelImportanceResponse__Output } from './edgepress/kernels/v1/ChannelImportanceResponse';
import type { ChannelImportanceResult as _edgepress_kernels_v1_ChannelImportanceResult, ChannelImportanceResult__Output as _edgepress_kernels_v1_ChannelImportanceResult__Output } from './edgepress/kernels/v1/ChannelImportanceResult';
import type { ColumnScale as _edgepress_kernels_v1_ColumnScale, ColumnScale__Output as _edgepress_kernels_v1_ColumnScale__Output } from './edgepress/kernels/v1/ColumnScale';
import type { ColumnZeroPoint as _edgepress_kernels_v1_ColumnZeroPoint, ColumnZeroPoint__Output as _edgepress_kernels_v1_ColumnZeroPoint__Output } from './edgepress/kernels/v1/ColumnZeroPoint';
import type { CsrMatmulArgs as _edgepress_kernels_v1_CsrMatmulArgs, CsrMatmulArgs__Output as _edgepress_kernels_v1_CsrMatmulArgs__Output } from './edgepress/kernels/v1/CsrMatmulArgs';
import type { CsrMatmulRequest as _edgepress_kernels_v1_CsrMatmulRequest, CsrMatmulRequest__Output as _edgepress_kernels_v1_CsrMatmulRequest__Output } from './edgepress/kernels/v1/CsrMatmulRequest';
import type { CsrMatmulResponse as _edgepress_kernels_v1_CsrMatmulResponse, CsrMatmulResponse__Output as _edgepress_kernels_v1_CsrMatmulResponse__Output } from './edgepress/kernels/v1/CsrMatmulResponse';
import type { DequantizeLinearArgs as _edgepress_kernels_v1_DequantizeLinearArgs, DequantizeLinearArgs__Output as _edgepress_kernels_v1_DequantizeLinearArgs__Output } from './edgepress/kernels/v1/DequantizeLinearArgs';
import type { DequantizeLinearRequest as _edgepress_kernels_v1_DequantizeLinearRequest, DequantizeLinearRequest__Output as _edgepress_kernels_v1_DequantizeLinearRequest__Output } from './edgepress/kernels/v1/DequantizeLinearRequest';
import type { DequantizeLinearResponse as _edgepress_kernels_v1_DequantizeLinearResponse, DequantizeLinearResponse__Output as _edgepress_kernels_v1_DequantizeLinearResponse__Output } from './edgepress/kernels/v1/DequantizeLinearResponse';
import type { DequantizeLinearResult as _edgepress_kernels_v1_DequantizeLinearResult, DequantizeLinearResult__Output as _edgepress_kernels_v1_DequantizeLinearResult__Output } from './edgepress/kernels/v1/DequantizeLinearResult';
import type { DequantizeSignedArgs as _edgepress_kernels_v1_DequantizeSignedArgs, DequantizeSignedArgs__Output as _edgepress_kernels_v1_DequantizeSignedArgs__Output } from './edgepress/kernels/v1/DequantizeSignedArgs';
import type { DequantizeSignedRequest as _edgepress_kernels_v1_DequantizeSignedRequest, DequantizeSignedRequest__Output as _edgepress_kernels_v1_DequantizeSignedRequest__Output } from './edgepress/kernels/v1/DequantizeSignedRequest';
import type { DequantizeSignedResponse as _edgepress_kernels_v1_DequantizeSignedResponse, DequantizeSignedResponse__Output as _edgepress_kernels_v1_DequantizeSignedResponse__Output } from './edgepress/kernels/v1/DequantizeSignedResponse';
import type { DynamicQuantizeMatmulArgs as _edgepress_kernels_v1_DynamicQuantizeMatmulArgs, DynamicQuantizeMatmulArgs__Output as _edgepress_kernels_v1_DynamicQuantizeMatmulArgs__Output } from './edgepress/kernels/v1/DynamicQuantizeMatmulArgs';
import type { DynamicQuantizeMatmulRequest as _edgepress_kernels_v1_DynamicQuantizeMatmulRequest, DynamicQuantizeMatmulRequest__Output as _edgepress_kernels_v1_DynamicQuantizeMatmulRequest__Output } from './edgepress/kernels/v1/DynamicQuantizeMatmulRequest';
import type { DynamicQuantizeMatmulResponse as _edgepress_kernels_v1_DynamicQuantizeMatmulResponse, DynamicQuantizeMatmulResponse__Output as _edgepress_kernels_v1_DynamicQuantizeMatmulResponse__Output } from './edgepress/kernels/v1/DynamicQuantizeMatmulResponse';
import type { DynamicQuantizeMatmulResult as _edgepress_kernels_v1_DynamicQuantizeMatmulResult, DynamicQuantizeMatmulResult__Output as _edgepress_kernels_v1_DynamicQuantizeMatmulResult__Output } from './edgepress/kernels/v1/DynamicQuantizeMatmulResult';
import type { EnergySelection as _edgepress_kernels_v1_EnergySelection, EnergySelection__Output as _edgepress_kernels_v1_EnergySelection__Output } from './edgepress/kernels/v1/EnergySelection';
import type { HuffmanCodeArgs as _edgepress_kernels_v1_HuffmanCodeArgs, HuffmanCodeArgs__Output as _edgepress_kernels_v1_HuffmanCodeArgs__Output } from './edgepress/kernels/v1/HuffmanCodeArgs';
import type { HuffmanCodeRequest as _edgepress_kernels_v1_HuffmanCodeRequest, HuffmanCodeRequest__Output as _edgepress_kernels_v1_HuffmanCodeRequest__Output } from './edgepress/kernels/v1/HuffmanCodeRequest';
import type { HuffmanCodeResponse as _edgepress_kernels_v1_HuffmanCodeResponse, HuffmanCodeResponse__Output as _edgepress_kernels_v1_HuffmanCodeResponse__Output } from './edgepress/kernels/v1/HuffmanCodeResponse';
import type { HuffmanCodeResult as _edgepress_kernels_v1_HuffmanCodeResult, HuffmanCodeResult__Output as _edgepress_kernels_v1_HuffmanCodeResult__Output } from './edgepress/kernels/v1/HuffmanCodeResult';
import type { Int4Weights as _edgepress_kernels_v1_Int4Weights, Int4Weights__Output as _edgepress_kernels_v1_Int4Weights__Output } from './edgepress/kernels/v1/Int4Weights';
import type { Int8Operands as _edgepress_kernels_v1_Int8Operands, Int8Operands__Output as _edgepress_kernels_v1_Int8Operands__Output } from './edgepress/kernels/v1/Int8Operands';
import type { Int8Weights as _edgepress_kernels_v1_Int8Weights, Int8Weights__Output as _edgepress_kernels_v1_Int8Weights__Output } from './edgepress/kernels/v1/Int8Weights';
import type { KernelsClient as _edgepress_kernels_v1_KernelsClient, KernelsDefinition as _edgepress_kernels_v1_KernelsDefinition } from './edgepress/kernels/v1/Kernels';
import type { KmeansClusterArgs as _edgepress_kernels_v1_KmeansClusterArgs, KmeansClusterArgs__Output as _edgepress_kernels_v1_KmeansClusterArgs__Output } from './edgepress/kernels/v1/KmeansClusterArgs';
import type { KmeansClusterRequest as _edgepress_kernels_v1_KmeansClusterRequest, KmeansClusterRequest__Output as _edgepress_kernels_v1_KmeansClusterRequest__Output } from './edgepress/kernels/v1/KmeansClusterRequest';
import type { KmeansClusterResponse as _edgepress_kernels_v1_KmeansClusterResponse, KmeansClusterResponse__Output as _edgepress_kernels_v1_KmeansClusterResponse__Output } from './edgepress/kernels/v1/KmeansClusterResponse';
import type { KmeansClusterResult as _edgepress_kernels_v1_KmeansClusterResult, KmeansClusterResult__Output as _edgepress_kernels_v1_KmeansClusterResult__Output } from './edgepress/kernels/v1/KmeansClusterResult';
import type { LowRankFactorsRequest as _edgepress_kernels_v1_LowRankFactorsRequest, LowRankFactorsRequest__Output as _edgepress_kernels_v1_LowRankFactorsRequest__Output } from './edgepress/kernels/v1/LowRankFactorsRequest';
import type { LowRankFactorsResponse as _edgepress_kernels_v1_LowRankFactorsResponse, LowRankFactorsResponse__Output as _edgepress_kernels_v1_LowRankFactorsResponse__Output } from './edgepress/kernels/v1/LowRankFactorsResponse';
import type { LowRankFactorsResult as _edgepress_kernels_v1_LowRankFactorsResult, LowRankFactorsResult__Output as _edgepress_kernels_v1_LowRankFactorsResult__Output } from './edgepress/kernels/v1/LowRankFactorsResult';
import type { LowRankOptions as _edgepress_kernels_v1_LowRankOptions, LowRankOptions__Output as _edgepress_kernels_v1_LowRankOptions__Output } from './edgepress/kernels/v1/LowRankOptions';
import type { MagnitudeThreshold as _edgepress_kernels_v1_MagnitudeThreshold, MagnitudeThreshold__Output as _edgepress_kernels_v1_MagnitudeThreshold__Output } from './edgepress/kernels/v1/MagnitudeThreshold';
import type { MagnitudeThresholdArgs as _edgepress_kernels_v1_MagnitudeThresholdArgs, MagnitudeThresholdArgs__Output as _edgepress_kernels_v1_MagnitudeThresholdArgs__Output } from './edgepress/kernels/v1/MagnitudeThresholdArgs';
import type { MagnitudeThresholdRequest as _edgepress_kernels_v1_MagnitudeThresholdRequest, MagnitudeThresholdRequest__Output as _edgepress_kernels_v1_MagnitudeThresholdRequest__Output } from './edgepress/kernels/v1/MagnitudeThresholdRequest';
import type { MagnitudeThresholdResponse as _edgepress_kernels_v1_MagnitudeThresholdResponse, MagnitudeThresholdResponse__Output as _edgepress_kernels_v1_MagnitudeThresholdResponse__Output } from './edgepress/kernels/v1/MagnitudeThresholdResponse';
import type { MagnitudeThresholdResult as _edgepress_kernels_v1_MagnitudeThresholdResult, MagnitudeThresholdResult__Output as _edgepress_kernels_v1_MagnitudeThresholdResult__Output } from './edgepress/kernels/v1/MagnitudeThresholdResult';
import type { MaskedTensor as _edgepress_kernels_v1_MaskedTensor, MaskedTensor__Output as _edgepress_kernels_v1_MaskedTensor__Output } from './edgepress/kernels/v1/MaskedTensor';
import type { MaskedTensorList as _edgepress_kernels_v1_MaskedTensorList, MaskedTensorList__Output as _edgepress_kernels_v1_MaskedTensorList__Output } from './edgepress/kernels/v1/MaskedTensorList';
import type { MatmulDenseCscArgs as _edgepress_kernels_v1_MatmulDenseCscArgs, MatmulDenseCscArgs__Output as _edgepress_kernels_v1_MatmulDenseCscArgs__Output } from './edgepress/kernels/v1/MatmulDenseCscArgs';
import type { MatmulDenseCscRequest as _edgepress_kernels_v1_MatmulDenseCscRequest, MatmulDenseCscRequest__Output as _edgepress_kernels_v1_MatmulDenseCscRequest__Output } from './edgepress/kernels/v1/MatmulDenseCscRequest';
import type { MatmulDenseCscResponse as _edgepress_kernels_v1_MatmulDenseCscResponse, MatmulDenseCscResponse__Output as _edgepress_kernels_v1_MatmulDenseCscResponse__Output } from './edgepress/kernels/v1/MatmulDenseCscResponse';
import type { MatmulIntegerArgs as _edgepress_kernels_v1_MatmulIntegerArgs, MatmulIntegerArgs__Output as _edgepress_kernels_v1_MatmulIntegerArgs__Output } from './edgepress/kernels/v1/MatmulIntegerArgs';
import type { MatmulIntegerRequest as _edgepress_kernels_v1_MatmulIntegerRequest, MatmulIntegerRequest__Output as _edgepress_kernels_v1_MatmulIntegerRequest__Output } from './edgepress/kernels/v1/MatmulIntegerRequest';
import type { MatmulIntegerResponse as _edgepress_kernels_v1_MatmulIntegerResponse, MatmulIntegerResponse__Output as _edgepress_kernels_v1_MatmulIntegerResponse__Output } from './edgepress/kernels/v1/MatmulIntegerResponse';
import type { MatmulIntegerResult as _edgepress_kernels_v1_MatmulIntegerResult, MatmulIntegerResult__Output as _edgepress_kernels_v1_MatmulIntegerResult__Output } from './edgepress/kernels/v1/MatmulIntegerResult';
import type { MatmulIntegerToFloatArgs as _edgepress_kernels_v1_MatmulIntegerToFloatArgs, MatmulIntegerToFloatArgs__Output as _edgepress_kernels_v1_MatmulIntegerToFloatArgs__Output } from './edgepress/kernels/v1/MatmulIntegerToFloatArgs';
import type { MatmulIntegerToFloatRequest as _edgepress_kernels_v1_MatmulIntegerToFloatRequest, MatmulIntegerToFloatRequest__Output as _edgepress_kernels_v1_MatmulIntegerToFloatRequest__Output } from './edgepress/kernels/v1/MatmulIntegerToFloatRequest';
import type { MatmulIntegerToFloatResponse as _edgepress_kernels_v1_MatmulIntegerToFloatResponse, MatmulIntegerToFloatResponse__Output as _edgepress_kernels_v1_MatmulIntegerToFloatResponse__Output } from './edgepress/kernels/v1/MatmulIntegerToFloatResponse';
import type { MatmulNBitsArgs as _edgepress_kernels_v1_MatmulNBitsArgs, MatmulNBitsArgs__Output as _edgepress_kernels_v1_MatmulNBitsArgs__Output } from './edgepress/kernels/v1/MatmulNBitsArgs';
import type { MatmulNBitsRequest as _edgepress_kernels_v1_MatmulNBitsRequest, MatmulNBitsRequest__Output as _edgepress_kernels_v1_MatmulNBitsRequest__Output } from './edgepress/kernels/v1/MatmulNBitsRequest';
import type { MatmulNBitsResponse as _edgepress_kernels_v1_MatmulNBitsResponse, MatmulNBitsResponse__Output as _edgepress_kernels_v1_MatmulNBitsResponse__Output } from './edgepress/kernels/v1/MatmulNBitsResponse';
import type { MatmulResult as _edgepress_kernels_v1_MatmulResult, MatmulResult__Output as _edgepress_kernels_v1_MatmulResult__Output } from './edgepress/kernels/v1/MatmulResult';
import type { NmMaskArgs as _edgepress_kernels_v1_NmMaskArgs, NmMaskArgs__Output as _edgepress_kernels_v1_NmMaskArgs__Output } from './edgepress/kernels/v1/NmMaskArgs';
import type { NmMaskRequest as _edgepress_kernels_v1_NmMaskRequest, NmMaskRequest__Output as _edgepress_kernels_v1_NmMaskRequest__Output } from './edgepress/kernels/v1/NmMaskRequest';
import type { NmMaskResponse as _edgepress_kernels_v1_NmMaskResponse, NmMaskResponse__Output as _edgepress_kernels_v1_NmMaskResponse__Output } from './edgepress/kernels/v1/NmMaskResponse';
import type { PackInt8WeightsArgs as _edgepress_kernels_v1_PackInt8WeightsArgs, PackInt8WeightsArgs__Output as _edgepress_kernels_v1_PackInt8WeightsArgs__Output } from './edgepress/kernels/v1/PackInt8WeightsArgs';
import type { PackInt8WeightsRequest as _edgepress_kernels_v1_PackInt8WeightsRequest, PackInt8WeightsRequest__Output as _edgepress_kernels_v1_PackInt8WeightsRequest__Output } from './edgepress/kernels/v1/PackInt8WeightsRequest';
import type { PackInt8WeightsResponse as _edgepress_kernels_v1_PackInt8WeightsResponse, PackInt8WeightsResponse__Output as _edgepress_kernels_v1_PackInt8WeightsResponse__Output } from './edgepress/kernels/v1/PackInt8WeightsResponse';
import type { PackInt8WeightsResult as _edgepress_kernels_v1_PackInt8WeightsResult, PackInt8WeightsResult__Output as _edgepress_kernels_v1_PackInt8WeightsResult__Output } from './edgepress/kernels/v1/PackInt8WeightsResult';
import type { PackSparseArgs as _edgepress_kernels_v1_PackSparseArgs, PackSparseArgs__Output as _edgepress_kernels_v1_PackSparseArgs__Output } from './edgepress/kernels/v1/PackSparseArgs';
import type { PackSparseRequest as _edgepress_kernels_v1_PackSparseRequest, PackSparseRequest__Output as _edgepress_kernels_v1_PackSparseRequest__Output } from './edgepress/kernels/v1/PackSparseRequest';
import type { PackSparseResponse as _edgepress_kernels_v1_PackSparseResponse, PackSparseResponse__Output as _edgepress_kernels_v1_PackSparseResponse__Output } from './edgepress/kernels/v1/PackSparseResponse';
import type { PackSparseResult as _edgepress_kernels_v1_PackSparseResult, PackSparseResult__Output as _edgepress_kernels_v1_PackSparseResult__Output } from './edgepress/kernels/v1/PackSparseResult';
import type { PackedInt8Weights as _edgepress_kernels_v1_PackedInt8Weights, PackedInt8Weights__Output as _edgepress_kernels_v1_PackedInt8Weights__Output } from './edgepress/kernels/v1/PackedInt8Weights';
import type { PruneByMagnitudeArgs as _edgepress_kernels_v1_PruneByMagnitudeArgs, PruneByMagnitudeArgs__Output as _edgepress_kernels_v1_PruneByMagnitudeArgs__Output } from './edgepress/kernels/v1/PruneByMagnitudeArgs';
import type { PruneByMagnitudeRequest as _edgepress_kernels_v1_PruneByMagnitudeRequest, PruneByMagnitudeRequest__Output as _edgepress_kernels_v1_PruneByMagnitudeRequest__Output } from './edgepress/kernels/v1/PruneByMagnitudeRequest';
import type { PruneByMagnitudeResponse as _edgepress_kernels_v1_PruneByMagnitudeResponse, PruneByMagnitudeResponse__Output as _edgepress_kernels_v1_PruneByMagnitudeResponse__Output } from './edgepress/kernels/v1/PruneByMagnitudeResponse';
import type { QlinearMatmulArgs as _edgepress_kernels_v1_QlinearMatmulArgs, QlinearMatmulArgs__Output as _edgepress_kernels_v1_QlinearMatmulArgs__Output } from './edgepress/kernels/v1/QlinearMatmulArgs';
import type { QlinearMatmulRequest as _edgepress_kernels_v1_QlinearMatmulRequest, QlinearMatmulRequest__Output as _edgepress_kernels_v1_QlinearMatmulRequest__Output } from './edgepress/kernels/v1/QlinearMatmulRequest';
import type { QlinearMatmulResponse as _edgepress_kernels_v1_QlinearMatmulResponse, QlinearMatmulResponse__Output as _edgepress_kernels_v1_QlinearMatmulResponse__Output } from './edgepress/kernels/v1/QlinearMatmulResponse';
import type { QlinearMatmulResult as _edgepress_kernels_v1_QlinearMatmulResult, QlinearMatmulResult__Output as _edgepress_kernels_v1_QlinearMatmulResult__Output } from './edgepress/kernels/v1/QlinearMatmulResult';
import type { QuantizationParams as _edgepress_kernels_v1_QuantizationParams, QuantizationParams__Output as _edgepress_kernels_v1_QuantizationParams__Output } from './edgepress/kernels/v1/QuantizationParams';
import type { QuantizeBinaryArgs as _edgepress_kernels_v1_QuantizeBinaryArgs, QuantizeBinaryArgs__Output as _edgepress_kernels_v1_QuantizeBinaryArgs__Output } from './edgepress/kernels/v1/QuantizeBinaryArgs';
import type { QuantizeBinaryRequest as _edgepress_kernels_v1_QuantizeBinaryRequest, QuantizeBinaryRequest__Output as _edgepress_kernels_v1_QuantizeBinaryRequest__Output } from './edgepress/kernels/v1/QuantizeBinaryRequest';
import type { QuantizeInt4WeightsArgs as _edgepress_kernels_v1_QuantizeInt4WeightsArgs, QuantizeInt4WeightsArgs__Output as _edgepress_kernels_v1_QuantizeInt4WeightsArgs__Output } from './edgepress/kernels/v1/QuantizeInt4WeightsArgs';
import type { QuantizeInt4WeightsRequest as _edgepress_kernels_v1_QuantizeInt4WeightsRequest, QuantizeInt4WeightsRequest__Output as _edgepress_kernels_v1_QuantizeInt4WeightsRequest__Output } from './edgepress/kernels/v1/QuantizeInt4WeightsRequest';
import type { QuantizeInt4WeightsResponse as _edgepress_kernels_v1_QuantizeInt4WeightsResponse, QuantizeInt4WeightsResponse__Output as _edgepress_kernels_v1_QuantizeInt4WeightsResponse__Output } from './edgepress/kernels/v1/QuantizeInt4WeightsResponse';
import type { QuantizeInt4WeightsResult as _edgepress_kernels_v1_QuantizeInt4WeightsResult, QuantizeInt4WeightsResult__Output as _edgepress_kernels_v1_QuantizeInt4WeightsResult__Output } from './edgepress/kernels/v1/QuantizeInt4WeightsResult';
import type { QuantizeLinearArgs as _edgepress_kernels_v1_QuantizeLinearArgs, QuantizeLinearArgs__Output as _edgepress_kernels_v1_QuantizeLinearArgs__Output } from './edgepress/kernels/v1/QuantizeLinearArgs';
import type { QuantizeLinearRequest as _edgepress_kernels_v1_QuantizeLinearRequest, QuantizeLinearRequest__Output as _edgepress_kernels_v1_QuantizeLinearRequest__Output } from './edgepress/kernels/v1/QuantizeLinearRequest';
import type { QuantizeLinearResponse as _edgepress_kernels_v1_QuantizeLinearResponse, QuantizeLinearResponse__Output as _edgepress_kernels_v1_QuantizeLinearResponse__Output } from './edgepress/kernels/v1/QuantizeLinearResponse';
import type { QuantizeLinearResult as _edgepress_kernels_v1_QuantizeLinearResult, QuantizeLinearResult__Output as _edgepress_kernels_v1_QuantizeLinearResult__Output } from './edgepress/kernels/v1/QuantizeLinearResult';
import type { QuantizeTensorArgs as _edgepress_kernels_v1_QuantizeTensorArgs, QuantizeTensorArgs__Output as _edgepress_kernels_v1_QuantizeTensorArgs__Output } from './edgepress/kernels/v1/QuantizeTensorArgs';
import type { QuantizeTensorRequest as _edgepress_kernels_v1_QuantizeTensorRequest, QuantizeTensorRequest__Output as _edgepress_kernels_v1_QuantizeTensorRequest__Output } from './edgepress/kernels/v1/QuantizeTensorRequest';
import type { QuantizeTensorResponse as _edgepress_kernels_v1_QuantizeTensorResponse, QuantizeTensorResponse__Output as _edgepress_kernels_v1_QuantizeTensorResponse__Output } from './edgepress/kernels/v1/QuantizeTensorResponse';
import type { QuantizeTensorResult as _edgepress_kernels_v1_QuantizeTensorResult, QuantizeTensorResult__Output as _edgepress_kernels_v1_QuantizeTensorResult__Output } from './edgepress/kernels/v1/QuantizeTensorResult';
import type { QuantizeTensorSpec as _edgepress_kernels_v1_QuantizeTensorSpec, QuantizeTensorSpec__Output as _edgepress_kernels_v1_QuantizeTensorSpec__Output } from './edgepress/kernels/v1/QuantizeTensorSpec';
import type { QuantizeTernaryArgs as _edgepress_kernels_v1_QuantizeTernaryArgs, QuantizeTernaryArgs__Output as _edgepress_kernels_v1_QuantizeTernaryArgs__Output } from './edgepress/kernels/v1/QuantizeTernaryArgs';
import type { QuantizeTernaryRequest as _edgepress_kernels_v1_QuantizeTernaryRequest, QuantizeTernaryRequest__Output as _edgepress_kernels_v1_QuantizeTernaryRequest__Output } from './edgepress/kernels/v1/QuantizeTernaryRequest';
import type { RankSelection as _edgepress_kernels_v1_RankSelection, RankSelection__Output as _edgepress_kernels_v1_RankSelection__Output } from './edgepress/kernels/v1/RankSelection';
import type { RegisterSharedRegionRequest as _edgepress_kernels_v1_RegisterSharedRegionRequest, RegisterSharedRegionRequest__Output as _edgepress_kernels_v1_RegisterSharedRegionRequest__Output } from './edgepress/kernels/v1/RegisterSharedRegionRequest';
import type { RegisterSharedRegionResponse as _edgepress_kernels_v1_RegisterSharedRegionResponse, RegisterSharedRegionResponse__Output as _edgepress_kernels_v1_RegisterSharedRegionResponse__Output } from './edgepress/kernels/v1/RegisterSharedRegionResponse';
import type { ScaleLayout as _edgepress_kernels_v1_ScaleLayout, ScaleLayout__Output as _edgepress_kernels_v1_ScaleLayout__Output } from './edgepress/kernels/v1/ScaleLayout';
import type { SharedRange as _edgepress_kernels_v1_SharedRange, SharedRange__Output as _edgepress_kernels_v1_SharedRange__Output } from './edgepress/kernels/v1/SharedRange';
import type { SharedRegionHandle as _edgepress_kernels_v1_SharedRegionHandle, SharedRegionHandle__Output as _edgepress_kernels_v1_SharedRegionHandle__Output } from './edgepress/kernels/v1/SharedRegionHandle';
import type { SharedSlice as _edgepress_kernels_v1_SharedSlice, SharedSlice__Output as _edgepress_kernels_v1_SharedSlice__Output } from './edgepress/kernels/v1/SharedSlice';
import type { SignQuantizeResponse as _edgepress_kernels_v1_SignQuantizeResponse, SignQuantizeResponse__Output as _edgepress_kernels_v1_SignQuantizeResponse__Output } from './edgepress/kernels/v1/SignQuantizeResponse';
import type { SignQuantizeResult as _edgepress_kernels_v1_SignQuantizeResult, SignQuantizeResult__Output as _edgepress_kernels_v1_SignQuantizeResult__Output } from './edgepress/kernels/v1/SignQuantizeResult';
import type { SignQuantizedTensor as _edgepress_kernels_v1_SignQuantizedTensor, SignQuantizedTensor__Output as _edgepress_kernels_v1_SignQuantizedTensor__Output } from './edgepress/kernels/v1/SignQuantizedTensor';
import type { SparseMatrix as _edgepress_kernels_v1_SparseMatrix, SparseMatrix__Output as _edgepress_kernels_v1_SparseMatrix__Output } from './edgepress/kernels/v1/SparseMatrix';
import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from './edgepress/kernels/v1/Tensor';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from './edgepress/kernels/v1/TensorChunk';
import type { TensorMinMaxArgs as _edgepress_kernels_v1_TensorMinMaxArgs, TensorMinMaxArgs__Output as _edgepress_kernels_v1_TensorMinMaxArgs__Output } from './edgepress/kernels/v1/TensorMinMaxArgs';
import type { TensorMinMaxRequest as _edgepress_kernels_v1_TensorMinMaxRequest, TensorMinMaxRequest__Output as _edgepress_kernels_v1_TensorMinMaxRequest__Output } from './edgepress/kernels/v1/TensorMinMaxRequest';
import type { TensorMinMaxResponse as _edgepress_kernels_v1_TensorMinMaxResponse, TensorMinMaxResponse__Output as _edgepress_kernels_v1_TensorMinMaxResponse__Output } from './edgepress/kernels/v1/TensorMinMaxResponse';
import type { TensorMinMaxResult as _edgepress_kernels_v1_TensorMinMaxResult, TensorMinMaxResult__Output as _edgepress_kernels_v1_TensorMinMaxResult__Output } from './edgepress/kernels/v1/TensorMinMaxResult';
import type { TruncatedSvdArgs as _edgepress_kernels_v1_TruncatedSvdArgs, TruncatedSvdArgs__Output as _edgepress_kernels_v1_TruncatedSvdArgs__Output } from './edgepress/kernels/v1/TruncatedSvdArgs';
import type { TruncatedSvdRequest as _edgepress_kernels_v1_TruncatedSvdRequest, TruncatedSvdRequest__Output as _edgepress_kernels_v1_TruncatedSvdRequest__Output } from './edgepress/kernels/v1/TruncatedSvdRequest';
import type { TruncatedSvdResponse as _edgepress_kernels_v1_TruncatedSvdResponse, TruncatedSvdResponse__Output as _edgepress_kernels_v1_TruncatedSvdResponse__Output } from './edgepress/kernels/v1/TruncatedSvdResponse';
import type { TruncatedSvdResult as _edgepress_kernels_v1_TruncatedSvdResult, TruncatedSvdResult__Output as _edgepress_kernels_v1_TruncatedSvdResult__Output } from './edgepress/kernels/v1/TruncatedSvdResult';
import type { Tucker2ConvArgs as _edgepress_kernels_v1_Tucker2ConvArgs, Tucker2ConvArgs__Output as _edgepress_kernels_v1_Tucker2ConvArgs__Output } from './edgepress/kernels/v1/Tucker2ConvArgs';
import type { Tucker2ConvRequest as _edgepress_kernels_v1_Tucker2ConvRequest, Tucker2ConvRequest__Output as _edgepress_kernels_v1_Tucker2ConvRequest__Output } from './edgepress/kernels/v1/Tucker2ConvRequest';
import type { Tucker2ConvResponse as _edgepress_kernels_v1_Tucker2ConvResponse, Tucker2ConvResponse__Output as _edgepress_kernels_v1_Tucker2ConvResponse__Output } from './edgepress/kernels/v1/Tucker2ConvResponse';
import type { Tucker2ConvResult as _edgepress_kernels_v1_Tucker2ConvResult, Tucker2ConvResult__Output as _edgepress_kernels_v1_Tucker2ConvResult__Output } from './edgepress/kernels/v1/Tucker2ConvResult';
import type { UnpackSparseArgs as _edgepress_kernels_v1_UnpackSparseArgs, UnpackSparseArgs__Output as _edgepress_kernels_v1_UnpackSparseArgs__Output } from './edgepress/kernels/v1/UnpackSparseArgs';
import type { UnpackSparseRequest as _edgepress_kernels_v1_UnpackSparseRequest, UnpackSparseRequest__Output as _edgepress_kernels_v1_UnpackSparseRequest__Output } from './edgepress/kernels/v1/UnpackSparseRequest';
import type { UnpackSparseResponse as _edgepress_kernels_v1_UnpackSparseResponse, UnpackSparseResponse__Output as _edgepress_kernels_v1_UnpackSparseResponse__Output } from './edgepress/kernels/v1/UnpackSparseResponse';
import type { UnpackSparseResult as _edgepress_kernels_v1_UnpackSparseResult, UnpackSparseResult__Output as _edgepress_kernels_v1_UnpackSparseResult__Output } from './edgepress/kernels/v1/UnpackSparseResult';
import type { UnregisterSharedRegionRequest as _edgepress_kernels_v1_UnregisterSharedRegionRequest, UnregisterSharedRegionRequest__Output as _edgepress_kernels_v1_UnregisterSharedRegionRequest__Output } from './edgepress/kernels/v1/UnregisterSharedRegionRequest';
import type { UnregisterSharedRegionResponse as _edgepress_kernels_v1_UnregisterSharedRegionResponse, UnregisterSharedRegionResponse__Output as _edgepress_kernels_v1_UnregisterSharedRegionResponse__Output } from './edgepress/kernels/v1/UnregisterSharedRegionResponse';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  edgepress: {
    kernels: {
      v1: {
        ApplyMagnitudeMaskArgs: MessageTypeDefinition<_edgepress_kernels_v1_ApplyMagnitudeMaskArgs, _edgepress_kernels_v1_ApplyMagnitudeMaskArgs__Output>
        ApplyMagnitudeMaskRequest: MessageTypeDefinition<_edgepress_kernels_v1_ApplyMagnitudeMaskRequest, _edgepress_kernels_v1_ApplyMagnitudeMaskRequest__Output>
        ApplyMagnitudeMaskResponse: MessageTypeDefinition<_edgepress_kernels_v1_ApplyMagnitudeMaskResponse, _edgepress_kernels_v1_ApplyMagnitudeMaskResponse__Output>
        CalibrationDone: MessageTypeDefinition<_edgepress_kernels_v1_CalibrationDone, _edgepress_kernels_v1_CalibrationDone__Output>
        CalibrationError: MessageTypeDefinition<_edgepress_kernels_v1_CalibrationError, _edgepress_kernels_v1_CalibrationError__Output>
        CalibrationHistogram: MessageTypeDefinition<_edgepress_kernels_v1_CalibrationHistogram, _edgepress_kernels_v1_CalibrationHistogram__Output>
        CalibrationHistogramQuery: MessageTypeDefinition<_edgepress_kernels_v1_CalibrationHistogramQuery, _edgepress_kernels_v1_CalibrationHistogramQuery__Output>
        CalibrationHistogramSide: MessageTypeDefinition<_edgepress_kernels_v1_CalibrationHistogramSide, _edgepress_kernels_v1_CalibrationHistogramSide__Output>
        CalibrationMethod: EnumTypeDefinition
        CalibrationOpen: MessageTypeDefinition<_edgepress_kernels_v1_CalibrationOpen, _edgepress_kernels_v1_CalibrationOpen__Output>
        CalibrationParamsQuery: MessageTypeDefinition<_edgepress_kernels_v1_CalibrationParamsQuery, _edgepress_kernels_v1_CalibrationParamsQuery__Output>
        CalibrationQuantParams: MessageTypeDefinition<_edgepress_kernels_v1_CalibrationQuantParams, _edgepress_kernels_v1_CalibrationQuantParams__Output>
        CalibrationRange: MessageTypeDefinition<_edgepress_kernels_v1_CalibrationRange, _edgepress_kernels_v1_CalibrationRange__Output>
        CalibrationRangeQuery: MessageTypeDefinition<_edgepress_kernels_v1_CalibrationRangeQuery, _edgepress_kernels_v1_CalibrationRangeQuery__Output>
        CalibrationRequest: MessageTypeDefinition<_edgepress_kernels_v1_CalibrationRequest, _edgepress_kernels_v1_CalibrationRequest__Output>
        CalibrationResponse: MessageTypeDefinition<_edgepress_kernels_v1_CalibrationResponse, _edgepress_kernels_v1_CalibrationResponse__Output>
        CalibrationStats: MessageTypeDefinition<_edgepress_kernels_v1_CalibrationStats, _edgepress_kernels_v1_CalibrationStats__Output>
        CalibrationStatsQuery: MessageTypeDefinition<_edgepress_kernels_v1_CalibrationStatsQuery, _edgepress_kernels_v1_CalibrationStatsQuery__Output>
        CalibrationUpdate: MessageTypeDefinition<_edgepress_kernels_v1_CalibrationUpdate, _edgepress_kernels_v1_CalibrationUpdate__Output>
        CallOptions: MessageTypeDefinition<_edgepress_kernels_v1_CallOptions, _edgepress_kernels_v1_CallOptions__Output>
        ChannelImportanceArgs: MessageTypeDefinition<_edgepress_kernels_v1_ChannelImportanceArgs, _edgepress_kernels_v1_ChannelImportanceArgs__Output>
        ChannelImportanceRequest: MessageTypeDefinition<_edgepress_kernels_v1_ChannelImportanceRequest, _edgepress_kernels_v1_ChannelImportanceRequest__Output>
        ChannelImportanceResponse: MessageTypeDefinition<_edgepress_kernels_v1_ChannelImportanceResponse, _edgepress_kernels_v1_ChannelImportanceResponse__Output>
        ChannelImportanceResult: MessageTypeDefinition<_edgepress_kernels_v1_ChannelImportanceResult, _edgepress_kernels_v1_ChannelImportanceResult__Output>
        ColumnScale: MessageTypeDefinition<_edgepress_kernels_v1_ColumnScale, _edgepress_kernels_v1_ColumnScale__Output>
        ColumnZeroPoint: MessageTypeDefinition<_edgepress_kernels_v1_ColumnZeroPoint, _edgepress_kernels_v1_ColumnZeroPoint__Output>
        CsrMatmulArgs: MessageTypeDefinition<_edgepress_kernels_v1_CsrMatmulArgs, _edgepress_kernels_v1_CsrMatmulArgs__Output>
        CsrMatmulRequest: MessageTypeDefinition<_edgepress_kernels_v1_CsrMatmulRequest, _edgepress_kernels_v1_CsrMatmulRequest__Output>
        CsrMatmulResponse: MessageTypeDefinition<_edgepress_kernels_v1_CsrMatmulResponse, _edgepress_kernels_v1_CsrMatmulResponse__Output>
        DataType: EnumTypeDefinition
        DequantizeLinearArgs: MessageTypeDefinition<_edgepress_kernels_v1_DequantizeLinearArgs, _edgepress_kernels_v1_DequantizeLinearArgs__Output>
        DequantizeLinearRequest: MessageTypeDefinition<_edgepress_kernels_v1_DequantizeLinearRequest, _edgepress_kernels_v1_DequantizeLinearRequest__Output>
        DequantizeLinearResponse: MessageTypeDefinition<_edgepress_kernels_v1_DequantizeLinearResponse, _edgepress_kernels_v1_DequantizeLinearResponse__Output>
        DequantizeLinearResult: MessageTypeDefinition<_edgepress_kernels_v1_DequantizeLinearResult, _edgepress_kernels_v1_DequantizeLinearResult__Output>
        DequantizeSignedArgs: MessageTypeDefinition<_edgepress_kernels_v1_DequantizeSignedArgs, _edgepress_kernels_v1_DequantizeSignedArgs__Output>
        DequantizeSignedRequest: MessageTypeDefinition<_edgepress_kernels_v1_DequantizeSignedRequest, _edgepress_kernels_v1_DequantizeSignedRequest__Output>
        DequantizeSignedResponse: MessageTypeDefinition<_edgepress_kernels_v1_DequantizeSignedResponse, _edgepress_kernels_v1_DequantizeSignedResponse__Output>
        DynamicQuantizeMatmulArgs: MessageTypeDefinition<_edgepress_kernels_v1_DynamicQuantizeMatmulArgs, _edgepress_kernels_v1_DynamicQuantizeMatmulArgs__Output>
        DynamicQuantizeMatmulRequest: MessageTypeDefinition<_edgepress_kernels_v1_DynamicQuantizeMatmulRequest, _edgepress_kernels_v1_DynamicQuantizeMatmulRequest__Output>
        DynamicQuantizeMatmulResponse: MessageTypeDefinition<_edgepress_kernels_v1_DynamicQuantizeMatmulResponse, _edgepress_kernels_v1_DynamicQuantizeMatmulResponse__Output>
        DynamicQuantizeMatmulResult: MessageTypeDefinition<_edgepress_kernels_v1_DynamicQuantizeMatmulResult, _edgepress_kernels_v1_DynamicQuantizeMatmulResult__Output>
        EnergySelection: MessageTypeDefinition<_edgepress_kernels_v1_EnergySelection, _edgepress_kernels_v1_EnergySelection__Output>
        HuffmanCodeArgs: MessageTypeDefinition<_edgepress_kernels_v1_HuffmanCodeArgs, _edgepress_kernels_v1_HuffmanCodeArgs__Output>
        HuffmanCodeRequest: MessageTypeDefinition<_edgepress_kernels_v1_HuffmanCodeRequest, _edgepress_kernels_v1_HuffmanCodeRequest__Output>
        HuffmanCodeResponse: MessageTypeDefinition<_edgepress_kernels_v1_HuffmanCodeResponse, _edgepress_kernels_v1_HuffmanCodeResponse__Output>
        HuffmanCodeResult: MessageTypeDefinition<_edgepress_kernels_v1_HuffmanCodeResult, _edgepress_kernels_v1_HuffmanCodeResult__Output>
        Int4Kernel: EnumTypeDefinition
        Int4Weights: MessageTypeDefinition<_edgepress_kernels_v1_Int4Weights, _edgepress_kernels_v1_Int4Weights__Output>
        Int8Kernel: EnumTypeDefinition
        Int8Operands: MessageTypeDefinition<_edgepress_kernels_v1_Int8Operands, _edgepress_kernels_v1_Int8Operands__Output>
        Int8Weights: MessageTypeDefinition<_edgepress_kernels_v1_Int8Weights, _edgepress_kernels_v1_Int8Weights__Output>
        Kernels: SubtypeConstructor<typeof grpc.Client, _edgepress_kernels_v1_KernelsClient> & { service: _edgepress_kernels_v1_KernelsDefinition }
        KmeansClusterArgs: MessageTypeDefinition<_edgepress_kernels_v1_KmeansClusterArgs, _edgepress_kernels_v1_KmeansClusterArgs__Output>
        KmeansClusterRequest: MessageTypeDefinition<_edgepress_kernels_v1_KmeansClusterRequest, _edgepress_kernels_v1_KmeansClusterRequest__Output>
        KmeansClusterResponse: MessageTypeDefinition<_edgepress_kernels_v1_KmeansClusterResponse, _edgepress_kernels_v1_KmeansClusterResponse__Output>
        KmeansClusterResult: MessageTypeDefinition<_edgepress_kernels_v1_KmeansClusterResult, _edgepress_kernels_v1_KmeansClusterResult__Output>
        LowRankFactorsRequest: MessageTypeDefinition<_edgepress_kernels_v1_LowRankFactorsRequest, _edgepress_kernels_v1_LowRankFactorsRequest__Output>
        LowRankFactorsResponse: MessageTypeDefinition<_edgepress_kernels_v1_LowRankFactorsResponse, _edgepress_kernels_v1_LowRankFactorsResponse__Output>
        LowRankFactorsResult: MessageTypeDefinition<_edgepress_kernels_v1_LowRankFactorsResult, _edgepress_kernels_v1_LowRankFactorsResult__Output>
        LowRankOptions: MessageTypeDefinition<_edgepress_kernels_v1_LowRankOptions, _edgepress_kernels_v1_LowRankOptions__Output>
        MagnitudeThreshold: MessageTypeDefinition<_edgepress_kernels_v1_MagnitudeThreshold, _edgepress_kernels_v1_MagnitudeThreshold__Output>
        MagnitudeThresholdArgs: MessageTypeDefinition<_edgepress_kernels_v1_MagnitudeThresholdArgs, _edgepress_kernels_v1_MagnitudeThresholdArgs__Output>
        MagnitudeThresholdRequest: MessageTypeDefinition<_edgepress_kernels_v1_MagnitudeThresholdRequest, _edgepress_kernels_v1_MagnitudeThresholdRequest__Output>
        MagnitudeThresholdResponse: MessageTypeDefinition<_edgepress_kernels_v1_MagnitudeThresholdResponse, _edgepress_kernels_v1_MagnitudeThresholdResponse__Output>
        MagnitudeThresholdResult: MessageTypeDefinition<_edgepress_kernels_v1_MagnitudeThresholdResult, _edgepress_kernels_v1_MagnitudeThresholdResult__Output>
        MaskedTensor: MessageTypeDefinition<_edgepress_kernels_v1_MaskedTensor, _edgepress_kernels_v1_MaskedTensor__Output>
        MaskedTensorList: MessageTypeDefinition<_edgepress_kernels_v1_MaskedTensorList, _edgepress_kernels_v1_MaskedTensorList__Output>
        MatmulDenseCscArgs: MessageTypeDefinition<_edgepress_kernels_v1_MatmulDenseCscArgs, _edgepress_kernels_v1_MatmulDenseCscArgs__Output>
        MatmulDenseCscRequest: MessageTypeDefinition<_edgepress_kernels_v1_MatmulDenseCscRequest, _edgepress_kernels_v1_MatmulDenseCscRequest__Output>
        MatmulDenseCscResponse: MessageTypeDefinition<_edgepress_kernels_v1_MatmulDenseCscResponse, _edgepress_kernels_v1_MatmulDenseCscResponse__Output>
        MatmulIntegerArgs: MessageTypeDefinition<_edgepress_kernels_v1_MatmulIntegerArgs, _edgepress_kernels_v1_MatmulIntegerArgs__Output>
        MatmulIntegerRequest: MessageTypeDefinition<_edgepress_kernels_v1_MatmulIntegerRequest, _edgepress_kernels_v1_MatmulIntegerRequest__Output>
        MatmulIntegerResponse: MessageTypeDefinition<_edgepress_kernels_v1_MatmulIntegerResponse, _edgepress_kernels_v1_MatmulIntegerResponse__Output>
        MatmulIntegerResult: MessageTypeDefinition<_edgepress_kernels_v1_MatmulIntegerResult, _edgepress_kernels_v1_MatmulIntegerResult__Output>
        MatmulIntegerToFloatArgs: MessageTypeDefinition<_edgepress_kernels_v1_MatmulIntegerToFloatArgs, _edgepress_kernels_v1_MatmulIntegerToFloatArgs__Output>
        MatmulIntegerToFloatRequest: MessageTypeDefinition<_edgepress_kernels_v1_MatmulIntegerToFloatRequest, _edgepress_kernels_v1_MatmulIntegerToFloatRequest__Output>
        MatmulIntegerToFloatResponse: MessageTypeDefinition<_edgepress_kernels_v1_MatmulIntegerToFloatResponse, _edgepress_kernels_v1_MatmulIntegerToFloatResponse__Output>
        MatmulNBitsArgs: MessageTypeDefinition<_edgepress_kernels_v1_MatmulNBitsArgs, _edgepress_kernels_v1_MatmulNBitsArgs__Output>
        MatmulNBitsRequest: MessageTypeDefinition<_edgepress_kernels_v1_MatmulNBitsRequest, _edgepress_kernels_v1_MatmulNBitsRequest__Output>
        MatmulNBitsResponse: MessageTypeDefinition<_edgepress_kernels_v1_MatmulNBitsResponse, _edgepress_kernels_v1_MatmulNBitsResponse__Output>
        MatmulResult: MessageTypeDefinition<_edgepress_kernels_v1_MatmulResult, _edgepress_kernels_v1_MatmulResult__Output>
        NmMaskArgs: MessageTypeDefinition<_edgepress_kernels_v1_NmMaskArgs, _edgepress_kernels_v1_NmMaskArgs__Output>
        NmMaskRequest: MessageTypeDefinition<_edgepress_kernels_v1_NmMaskRequest, _edgepress_kernels_v1_NmMaskRequest__Output>
        NmMaskResponse: MessageTypeDefinition<_edgepress_kernels_v1_NmMaskResponse, _edgepress_kernels_v1_NmMaskResponse__Output>
        Norm: EnumTypeDefinition
        PackInt8WeightsArgs: MessageTypeDefinition<_edgepress_kernels_v1_PackInt8WeightsArgs, _edgepress_kernels_v1_PackInt8WeightsArgs__Output>
        PackInt8WeightsRequest: MessageTypeDefinition<_edgepress_kernels_v1_PackInt8WeightsRequest, _edgepress_kernels_v1_PackInt8WeightsRequest__Output>
        PackInt8WeightsResponse: MessageTypeDefinition<_edgepress_kernels_v1_PackInt8WeightsResponse, _edgepress_kernels_v1_PackInt8WeightsResponse__Output>
        PackInt8WeightsResult: MessageTypeDefinition<_edgepress_kernels_v1_PackInt8WeightsResult, _edgepress_kernels_v1_PackInt8WeightsResult__Output>
        PackSparseArgs: MessageTypeDefinition<_edgepress_kernels_v1_PackSparseArgs, _edgepress_kernels_v1_PackSparseArgs__Output>
        PackSparseRequest: MessageTypeDefinition<_edgepress_kernels_v1_PackSparseRequest, _edgepress_kernels_v1_PackSparseRequest__Output>
        PackSparseResponse: MessageTypeDefinition<_edgepress_kernels_v1_PackSparseResponse, _edgepress_kernels_v1_PackSparseResponse__Output>
        PackSparseResult: MessageTypeDefinition<_edgepress_kernels_v1_PackSparseResult, _edgepress_kernels_v1_PackSparseResult__Output>
        PackedInt8Weights: MessageTypeDefinition<_edgepress_kernels_v1_PackedInt8Weights, _edgepress_kernels_v1_PackedInt8Weights__Output>
        PruneByMagnitudeArgs: MessageTypeDefinition<_edgepress_kernels_v1_PruneByMagnitudeArgs, _edgepress_kernels_v1_PruneByMagnitudeArgs__Output>
        PruneByMagnitudeRequest: MessageTypeDefinition<_edgepress_kernels_v1_PruneByMagnitudeRequest, _edgepress_kernels_v1_PruneByMagnitudeRequest__Output>
        PruneByMagnitudeResponse: MessageTypeDefinition<_edgepress_kernels_v1_PruneByMagnitudeResponse, _edgepress_kernels_v1_PruneByMagnitudeResponse__Output>
        PruneScope: EnumTypeDefinition
        QlinearMatmulArgs: MessageTypeDefinition<_edgepress_kernels_v1_QlinearMatmulArgs, _edgepress_kernels_v1_QlinearMatmulArgs__Output>
        QlinearMatmulRequest: MessageTypeDefinition<_edgepress_kernels_v1_QlinearMatmulRequest, _edgepress_kernels_v1_QlinearMatmulRequest__Output>
        QlinearMatmulResponse: MessageTypeDefinition<_edgepress_kernels_v1_QlinearMatmulResponse, _edgepress_kernels_v1_QlinearMatmulResponse__Output>
        QlinearMatmulResult: MessageTypeDefinition<_edgepress_kernels_v1_QlinearMatmulResult, _edgepress_kernels_v1_QlinearMatmulResult__Output>
        QuantizationParams: MessageTypeDefinition<_edgepress_kernels_v1_QuantizationParams, _edgepress_kernels_v1_QuantizationParams__Output>
        QuantizeBinaryArgs: MessageTypeDefinition<_edgepress_kernels_v1_QuantizeBinaryArgs, _edgepress_kernels_v1_QuantizeBinaryArgs__Output>
        QuantizeBinaryRequest: MessageTypeDefinition<_edgepress_kernels_v1_QuantizeBinaryRequest, _edgepress_kernels_v1_QuantizeBinaryRequest__Output>
        QuantizeInt4WeightsArgs: MessageTypeDefinition<_edgepress_kernels_v1_QuantizeInt4WeightsArgs, _edgepress_kernels_v1_QuantizeInt4WeightsArgs__Output>
        QuantizeInt4WeightsRequest: MessageTypeDefinition<_edgepress_kernels_v1_QuantizeInt4WeightsRequest, _edgepress_kernels_v1_QuantizeInt4WeightsRequest__Output>
        QuantizeInt4WeightsResponse: MessageTypeDefinition<_edgepress_kernels_v1_QuantizeInt4WeightsResponse, _edgepress_kernels_v1_QuantizeInt4WeightsResponse__Output>
        QuantizeInt4WeightsResult: MessageTypeDefinition<_edgepress_kernels_v1_QuantizeInt4WeightsResult, _edgepress_kernels_v1_QuantizeInt4WeightsResult__Output>
        QuantizeLinearArgs: MessageTypeDefinition<_edgepress_kernels_v1_QuantizeLinearArgs, _edgepress_kernels_v1_QuantizeLinearArgs__Output>
        QuantizeLinearRequest: MessageTypeDefinition<_edgepress_kernels_v1_QuantizeLinearRequest, _edgepress_kernels_v1_QuantizeLinearRequest__Output>
        QuantizeLinearResponse: MessageTypeDefinition<_edgepress_kernels_v1_QuantizeLinearResponse, _edgepress_kernels_v1_QuantizeLinearResponse__Output>
        QuantizeLinearResult: MessageTypeDefinition<_edgepress_kernels_v1_QuantizeLinearResult, _edgepress_kernels_v1_QuantizeLinearResult__Output>
        QuantizeTensorArgs: MessageTypeDefinition<_edgepress_kernels_v1_QuantizeTensorArgs, _edgepress_kernels_v1_QuantizeTensorArgs__Output>
        QuantizeTensorRequest: MessageTypeDefinition<_edgepress_kernels_v1_QuantizeTensorRequest, _edgepress_kernels_v1_QuantizeTensorRequest__Output>
        QuantizeTensorResponse: MessageTypeDefinition<_edgepress_kernels_v1_QuantizeTensorResponse, _edgepress_kernels_v1_QuantizeTensorResponse__Output>
        QuantizeTensorResult: MessageTypeDefinition<_edgepress_kernels_v1_QuantizeTensorResult, _edgepress_kernels_v1_QuantizeTensorResult__Output>
        QuantizeTensorSpec: MessageTypeDefinition<_edgepress_kernels_v1_QuantizeTensorSpec, _edgepress_kernels_v1_QuantizeTensorSpec__Output>
        QuantizeTernaryArgs: MessageTypeDefinition<_edgepress_kernels_v1_QuantizeTernaryArgs, _edgepress_kernels_v1_QuantizeTernaryArgs__Output>
        QuantizeTernaryRequest: MessageTypeDefinition<_edgepress_kernels_v1_QuantizeTernaryRequest, _edgepress_kernels_v1_QuantizeTernaryRequest__Output>
        RankSelection: MessageTypeDefinition<_edgepress_kernels_v1_RankSelection, _edgepress_kernels_v1_RankSelection__Output>
        RegisterSharedRegionRequest: MessageTypeDefinition<_edgepress_kernels_v1_RegisterSharedRegionRequest, _edgepress_kernels_v1_RegisterSharedRegionRequest__Output>
        RegisterSharedRegionResponse: MessageTypeDefinition<_edgepress_kernels_v1_RegisterSharedRegionResponse, _edgepress_kernels_v1_RegisterSharedRegionResponse__Output>
        ScaleLayout: MessageTypeDefinition<_edgepress_kernels_v1_ScaleLayout, _edgepress_kernels_v1_ScaleLayout__Output>
        SharedRange: MessageTypeDefinition<_edgepress_kernels_v1_SharedRange, _edgepress_kernels_v1_SharedRange__Output>
        SharedRegionHandle: MessageTypeDefinition<_edgepress_kernels_v1_SharedRegionHandle, _edgepress_kernels_v1_SharedRegionHandle__Output>
        SharedSlice: MessageTypeDefinition<_edgepress_kernels_v1_SharedSlice, _edgepress_kernels_v1_SharedSlice__Output>
        SignKind: EnumTypeDefinition
        SignQuantizeResponse: MessageTypeDefinition<_edgepress_kernels_v1_SignQuantizeResponse, _edgepress_kernels_v1_SignQuantizeResponse__Output>
        SignQuantizeResult: MessageTypeDefinition<_edgepress_kernels_v1_SignQuantizeResult, _edgepress_kernels_v1_SignQuantizeResult__Output>
        SignQuantizedTensor: MessageTypeDefinition<_edgepress_kernels_v1_SignQuantizedTensor, _edgepress_kernels_v1_SignQuantizedTensor__Output>
        SparseFormat: EnumTypeDefinition
        SparseKernel: EnumTypeDefinition
        SparseMatrix: MessageTypeDefinition<_edgepress_kernels_v1_SparseMatrix, _edgepress_kernels_v1_SparseMatrix__Output>
        Tensor: MessageTypeDefinition<_edgepress_kernels_v1_Tensor, _edgepress_kernels_v1_Tensor__Output>
        TensorChunk: MessageTypeDefinition<_edgepress_kernels_v1_TensorChunk, _edgepress_kernels_v1_TensorChunk__Output>
        TensorMinMaxArgs: MessageTypeDefinition<_edgepress_kernels_v1_TensorMinMaxArgs, _edgepress_kernels_v1_TensorMinMaxArgs__Output>
        TensorMinMaxRequest: MessageTypeDefinition<_edgepress_kernels_v1_TensorMinMaxRequest, _edgepress_kernels_v1_TensorMinMaxRequest__Output>
        TensorMinMaxResponse: MessageTypeDefinition<_edgepress_kernels_v1_TensorMinMaxResponse, _edgepress_kernels_v1_TensorMinMaxResponse__Output>
        TensorMinMaxResult: MessageTypeDefinition<_edgepress_kernels_v1_TensorMinMaxResult, _edgepress_kernels_v1_TensorMinMaxResult__Output>
        TruncatedSvdArgs: MessageTypeDefinition<_edgepress_kernels_v1_TruncatedSvdArgs, _edgepress_kernels_v1_TruncatedSvdArgs__Output>
        TruncatedSvdRequest: MessageTypeDefinition<_edgepress_kernels_v1_TruncatedSvdRequest, _edgepress_kernels_v1_TruncatedSvdRequest__Output>
        TruncatedSvdResponse: MessageTypeDefinition<_edgepress_kernels_v1_TruncatedSvdResponse, _edgepress_kernels_v1_TruncatedSvdResponse__Output>
        TruncatedSvdResult: MessageTypeDefinition<_edgepress_kernels_v1_TruncatedSvdResult, _edgepress_kernels_v1_TruncatedSvdResult__Output>
        Tucker2ConvArgs: MessageTypeDefinition<_edgepress_kernels_v1_Tucker2ConvArgs, _edgepress_kernels_v1_Tucker2ConvArgs__Output>
        Tucker2ConvRequest: MessageTypeDefinition<_edgepress_kernels_v1_Tucker2ConvRequest, _edgepress_kernels_v1_Tucker2ConvRequest__Output>
        Tucker2ConvResponse: MessageTypeDefinition<_edgepress_kernels_v1_Tucker2ConvResponse, _edgepress_kernels_v1_Tucker2ConvResponse__Output>
        Tucker2ConvResult: MessageTypeDefinition<_edgepress_kernels_v1_Tucker2ConvResult, _edgepress_kernels_v1_Tucker2ConvResult__Output>
        UnpackSparseArgs: MessageTypeDefinition<_edgepress_kernels_v1_UnpackSparseArgs, _edgepress_kernels_v1_UnpackSparseArgs__Output>
        UnpackSparseRequest: MessageTypeDefinition<_edgepress_kernels_v1_UnpackSparseRequest, _edgepress_kernels_v1_UnpackSparseRequest__Output>
        UnpackSparseResponse: MessageTypeDefinition<_edgepress_kernels_v1_UnpackSparseResponse, _edgepress_kernels_v1_UnpackSparseResponse__Output>
        UnpackSparseResult: MessageTypeDefinition<_edgepress_kernels_v1_UnpackSparseResult, _edgepress_kernels_v1_UnpackSparseResult__Output>
        UnregisterSharedRegionRequest: MessageTypeDefinition<_edgepress_kernels_v1_UnregisterSharedRegionRequest, _edgepress_kernels_v1_UnregisterSharedRegionRequest__Output>
        UnregisterSharedRegionResponse: MessageTypeDefinition<_edgepress_kernels_v1_UnregisterSharedRegionResponse, _edgepress_kernels_v1_UnregisterSharedRegionResponse__Output>
      }
    }
  }
}

