// Original file: proto/edgepress/kernels/v1/kernels.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ApplyMagnitudeMaskRequest as _edgepress_kernels_v1_ApplyMagnitudeMaskRequest, ApplyMagnitudeMaskRequest__Output as _edgepress_kernels_v1_ApplyMagnitudeMaskRequest__Output } from '../../../edgepress/kernels/v1/ApplyMagnitudeMaskRequest';
import type { ApplyMagnitudeMaskResponse as _edgepress_kernels_v1_ApplyMagnitudeMaskResponse, ApplyMagnitudeMaskResponse__Output as _edgepress_kernels_v1_ApplyMagnitudeMaskResponse__Output } from '../../../edgepress/kernels/v1/ApplyMagnitudeMaskResponse';
import type { CalibrationRequest as _edgepress_kernels_v1_CalibrationRequest, CalibrationRequest__Output as _edgepress_kernels_v1_CalibrationRequest__Output } from '../../../edgepress/kernels/v1/CalibrationRequest';
import type { CalibrationResponse as _edgepress_kernels_v1_CalibrationResponse, CalibrationResponse__Output as _edgepress_kernels_v1_CalibrationResponse__Output } from '../../../edgepress/kernels/v1/CalibrationResponse';
import type { ChannelImportanceRequest as _edgepress_kernels_v1_ChannelImportanceRequest, ChannelImportanceRequest__Output as _edgepress_kernels_v1_ChannelImportanceRequest__Output } from '../../../edgepress/kernels/v1/ChannelImportanceRequest';
import type { ChannelImportanceResponse as _edgepress_kernels_v1_ChannelImportanceResponse, ChannelImportanceResponse__Output as _edgepress_kernels_v1_ChannelImportanceResponse__Output } from '../../../edgepress/kernels/v1/ChannelImportanceResponse';
import type { CsrMatmulRequest as _edgepress_kernels_v1_CsrMatmulRequest, CsrMatmulRequest__Output as _edgepress_kernels_v1_CsrMatmulRequest__Output } from '../../../edgepress/kernels/v1/CsrMatmulRequest';
import type { CsrMatmulResponse as _edgepress_kernels_v1_CsrMatmulResponse, CsrMatmulResponse__Output as _edgepress_kernels_v1_CsrMatmulResponse__Output } from '../../../edgepress/kernels/v1/CsrMatmulResponse';
import type { DequantizeLinearRequest as _edgepress_kernels_v1_DequantizeLinearRequest, DequantizeLinearRequest__Output as _edgepress_kernels_v1_DequantizeLinearRequest__Output } from '../../../edgepress/kernels/v1/DequantizeLinearRequest';
import type { DequantizeLinearResponse as _edgepress_kernels_v1_DequantizeLinearResponse, DequantizeLinearResponse__Output as _edgepress_kernels_v1_DequantizeLinearResponse__Output } from '../../../edgepress/kernels/v1/DequantizeLinearResponse';
import type { DequantizeSignedRequest as _edgepress_kernels_v1_DequantizeSignedRequest, DequantizeSignedRequest__Output as _edgepress_kernels_v1_DequantizeSignedRequest__Output } from '../../../edgepress/kernels/v1/DequantizeSignedRequest';
import type { DequantizeSignedResponse as _edgepress_kernels_v1_DequantizeSignedResponse, DequantizeSignedResponse__Output as _edgepress_kernels_v1_DequantizeSignedResponse__Output } from '../../../edgepress/kernels/v1/DequantizeSignedResponse';
import type { DynamicQuantizeMatmulRequest as _edgepress_kernels_v1_DynamicQuantizeMatmulRequest, DynamicQuantizeMatmulRequest__Output as _edgepress_kernels_v1_DynamicQuantizeMatmulRequest__Output } from '../../../edgepress/kernels/v1/DynamicQuantizeMatmulRequest';
import type { DynamicQuantizeMatmulResponse as _edgepress_kernels_v1_DynamicQuantizeMatmulResponse, DynamicQuantizeMatmulResponse__Output as _edgepress_kernels_v1_DynamicQuantizeMatmulResponse__Output } from '../../../edgepress/kernels/v1/DynamicQuantizeMatmulResponse';
import type { HuffmanCodeRequest as _edgepress_kernels_v1_HuffmanCodeRequest, HuffmanCodeRequest__Output as _edgepress_kernels_v1_HuffmanCodeRequest__Output } from '../../../edgepress/kernels/v1/HuffmanCodeRequest';
import type { HuffmanCodeResponse as _edgepress_kernels_v1_HuffmanCodeResponse, HuffmanCodeResponse__Output as _edgepress_kernels_v1_HuffmanCodeResponse__Output } from '../../../edgepress/kernels/v1/HuffmanCodeResponse';
import type { KmeansClusterRequest as _edgepress_kernels_v1_KmeansClusterRequest, KmeansClusterRequest__Output as _edgepress_kernels_v1_KmeansClusterRequest__Output } from '../../../edgepress/kernels/v1/KmeansClusterRequest';
import type { KmeansClusterResponse as _edgepress_kernels_v1_KmeansClusterResponse, KmeansClusterResponse__Output as _edgepress_kernels_v1_KmeansClusterResponse__Output } from '../../../edgepress/kernels/v1/KmeansClusterResponse';
import type { LowRankFactorsRequest as _edgepress_kernels_v1_LowRankFactorsRequest, LowRankFactorsRequest__Output as _edgepress_kernels_v1_LowRankFactorsRequest__Output } from '../../../edgepress/kernels/v1/LowRankFactorsRequest';
import type { LowRankFactorsResponse as _edgepress_kernels_v1_LowRankFactorsResponse, LowRankFactorsResponse__Output as _edgepress_kernels_v1_LowRankFactorsResponse__Output } from '../../../edgepress/kernels/v1/LowRankFactorsResponse';
import type { MagnitudeThresholdRequest as _edgepress_kernels_v1_MagnitudeThresholdRequest, MagnitudeThresholdRequest__Output as _edgepress_kernels_v1_MagnitudeThresholdRequest__Output } from '../../../edgepress/kernels/v1/MagnitudeThresholdRequest';
import type { MagnitudeThresholdResponse as _edgepress_kernels_v1_MagnitudeThresholdResponse, MagnitudeThresholdResponse__Output as _edgepress_kernels_v1_MagnitudeThresholdResponse__Output } from '../../../edgepress/kernels/v1/MagnitudeThresholdResponse';
import type { MatmulDenseCscRequest as _edgepress_kernels_v1_MatmulDenseCscRequest, MatmulDenseCscRequest__Output as _edgepress_kernels_v1_MatmulDenseCscRequest__Output } from '../../../edgepress/kernels/v1/MatmulDenseCscRequest';
import type { MatmulDenseCscResponse as _edgepress_kernels_v1_MatmulDenseCscResponse, MatmulDenseCscResponse__Output as _edgepress_kernels_v1_MatmulDenseCscResponse__Output } from '../../../edgepress/kernels/v1/MatmulDenseCscResponse';
import type { MatmulIntegerRequest as _edgepress_kernels_v1_MatmulIntegerRequest, MatmulIntegerRequest__Output as _edgepress_kernels_v1_MatmulIntegerRequest__Output } from '../../../edgepress/kernels/v1/MatmulIntegerRequest';
import type { MatmulIntegerResponse as _edgepress_kernels_v1_MatmulIntegerResponse, MatmulIntegerResponse__Output as _edgepress_kernels_v1_MatmulIntegerResponse__Output } from '../../../edgepress/kernels/v1/MatmulIntegerResponse';
import type { MatmulIntegerToFloatRequest as _edgepress_kernels_v1_MatmulIntegerToFloatRequest, MatmulIntegerToFloatRequest__Output as _edgepress_kernels_v1_MatmulIntegerToFloatRequest__Output } from '../../../edgepress/kernels/v1/MatmulIntegerToFloatRequest';
import type { MatmulIntegerToFloatResponse as _edgepress_kernels_v1_MatmulIntegerToFloatResponse, MatmulIntegerToFloatResponse__Output as _edgepress_kernels_v1_MatmulIntegerToFloatResponse__Output } from '../../../edgepress/kernels/v1/MatmulIntegerToFloatResponse';
import type { MatmulNBitsRequest as _edgepress_kernels_v1_MatmulNBitsRequest, MatmulNBitsRequest__Output as _edgepress_kernels_v1_MatmulNBitsRequest__Output } from '../../../edgepress/kernels/v1/MatmulNBitsRequest';
import type { MatmulNBitsResponse as _edgepress_kernels_v1_MatmulNBitsResponse, MatmulNBitsResponse__Output as _edgepress_kernels_v1_MatmulNBitsResponse__Output } from '../../../edgepress/kernels/v1/MatmulNBitsResponse';
import type { NmMaskRequest as _edgepress_kernels_v1_NmMaskRequest, NmMaskRequest__Output as _edgepress_kernels_v1_NmMaskRequest__Output } from '../../../edgepress/kernels/v1/NmMaskRequest';
import type { NmMaskResponse as _edgepress_kernels_v1_NmMaskResponse, NmMaskResponse__Output as _edgepress_kernels_v1_NmMaskResponse__Output } from '../../../edgepress/kernels/v1/NmMaskResponse';
import type { PackInt8WeightsRequest as _edgepress_kernels_v1_PackInt8WeightsRequest, PackInt8WeightsRequest__Output as _edgepress_kernels_v1_PackInt8WeightsRequest__Output } from '../../../edgepress/kernels/v1/PackInt8WeightsRequest';
import type { PackInt8WeightsResponse as _edgepress_kernels_v1_PackInt8WeightsResponse, PackInt8WeightsResponse__Output as _edgepress_kernels_v1_PackInt8WeightsResponse__Output } from '../../../edgepress/kernels/v1/PackInt8WeightsResponse';
import type { PackSparseRequest as _edgepress_kernels_v1_PackSparseRequest, PackSparseRequest__Output as _edgepress_kernels_v1_PackSparseRequest__Output } from '../../../edgepress/kernels/v1/PackSparseRequest';
import type { PackSparseResponse as _edgepress_kernels_v1_PackSparseResponse, PackSparseResponse__Output as _edgepress_kernels_v1_PackSparseResponse__Output } from '../../../edgepress/kernels/v1/PackSparseResponse';
import type { PruneByMagnitudeRequest as _edgepress_kernels_v1_PruneByMagnitudeRequest, PruneByMagnitudeRequest__Output as _edgepress_kernels_v1_PruneByMagnitudeRequest__Output } from '../../../edgepress/kernels/v1/PruneByMagnitudeRequest';
import type { PruneByMagnitudeResponse as _edgepress_kernels_v1_PruneByMagnitudeResponse, PruneByMagnitudeResponse__Output as _edgepress_kernels_v1_PruneByMagnitudeResponse__Output } from '../../../edgepress/kernels/v1/PruneByMagnitudeResponse';
import type { QlinearMatmulRequest as _edgepress_kernels_v1_QlinearMatmulRequest, QlinearMatmulRequest__Output as _edgepress_kernels_v1_QlinearMatmulRequest__Output } from '../../../edgepress/kernels/v1/QlinearMatmulRequest';
import type { QlinearMatmulResponse as _edgepress_kernels_v1_QlinearMatmulResponse, QlinearMatmulResponse__Output as _edgepress_kernels_v1_QlinearMatmulResponse__Output } from '../../../edgepress/kernels/v1/QlinearMatmulResponse';
import type { QuantizeBinaryRequest as _edgepress_kernels_v1_QuantizeBinaryRequest, QuantizeBinaryRequest__Output as _edgepress_kernels_v1_QuantizeBinaryRequest__Output } from '../../../edgepress/kernels/v1/QuantizeBinaryRequest';
import type { QuantizeInt4WeightsRequest as _edgepress_kernels_v1_QuantizeInt4WeightsRequest, QuantizeInt4WeightsRequest__Output as _edgepress_kernels_v1_QuantizeInt4WeightsRequest__Output } from '../../../edgepress/kernels/v1/QuantizeInt4WeightsRequest';
import type { QuantizeInt4WeightsResponse as _edgepress_kernels_v1_QuantizeInt4WeightsResponse, QuantizeInt4WeightsResponse__Output as _edgepress_kernels_v1_QuantizeInt4WeightsResponse__Output } from '../../../edgepress/kernels/v1/QuantizeInt4WeightsResponse';
import type { QuantizeLinearRequest as _edgepress_kernels_v1_QuantizeLinearRequest, QuantizeLinearRequest__Output as _edgepress_kernels_v1_QuantizeLinearRequest__Output } from '../../../edgepress/kernels/v1/QuantizeLinearRequest';
import type { QuantizeLinearResponse as _edgepress_kernels_v1_QuantizeLinearResponse, QuantizeLinearResponse__Output as _edgepress_kernels_v1_QuantizeLinearResponse__Output } from '../../../edgepress/kernels/v1/QuantizeLinearResponse';
import type { QuantizeTensorRequest as _edgepress_kernels_v1_QuantizeTensorRequest, QuantizeTensorRequest__Output as _edgepress_kernels_v1_QuantizeTensorRequest__Output } from '../../../edgepress/kernels/v1/QuantizeTensorRequest';
import type { QuantizeTensorResponse as _edgepress_kernels_v1_QuantizeTensorResponse, QuantizeTensorResponse__Output as _edgepress_kernels_v1_QuantizeTensorResponse__Output } from '../../../edgepress/kernels/v1/QuantizeTensorResponse';
import type { QuantizeTernaryRequest as _edgepress_kernels_v1_QuantizeTernaryRequest, QuantizeTernaryRequest__Output as _edgepress_kernels_v1_QuantizeTernaryRequest__Output } from '../../../edgepress/kernels/v1/QuantizeTernaryRequest';
import type { RegisterSharedRegionRequest as _edgepress_kernels_v1_RegisterSharedRegionRequest, RegisterSharedRegionRequest__Output as _edgepress_kernels_v1_RegisterSharedRegionRequest__Output } from '../../../edgepress/kernels/v1/RegisterSharedRegionRequest';
import type { RegisterSharedRegionResponse as _edgepress_kernels_v1_RegisterSharedRegionResponse, RegisterSharedRegionResponse__Output as _edgepress_kernels_v1_RegisterSharedRegionResponse__Output } from '../../../edgepress/kernels/v1/RegisterSharedRegionResponse';
import type { SignQuantizeResponse as _edgepress_kernels_v1_SignQuantizeResponse, SignQuantizeResponse__Output as _edgepress_kernels_v1_SignQuantizeResponse__Output } from '../../../edgepress/kernels/v1/SignQuantizeResponse';
import type { TensorMinMaxRequest as _edgepress_kernels_v1_TensorMinMaxRequest, TensorMinMaxRequest__Output as _edgepress_kernels_v1_TensorMinMaxRequest__Output } from '../../../edgepress/kernels/v1/TensorMinMaxRequest';
import type { TensorMinMaxResponse as _edgepress_kernels_v1_TensorMinMaxResponse, TensorMinMaxResponse__Output as _edgepress_kernels_v1_TensorMinMaxResponse__Output } from '../../../edgepress/kernels/v1/TensorMinMaxResponse';
import type { TruncatedSvdRequest as _edgepress_kernels_v1_TruncatedSvdRequest, TruncatedSvdRequest__Output as _edgepress_kernels_v1_TruncatedSvdRequest__Output } from '../../../edgepress/kernels/v1/TruncatedSvdRequest';
import type { TruncatedSvdResponse as _edgepress_kernels_v1_TruncatedSvdResponse, TruncatedSvdResponse__Output as _edgepress_kernels_v1_TruncatedSvdResponse__Output } from '../../../edgepress/kernels/v1/TruncatedSvdResponse';
import type { Tucker2ConvRequest as _edgepress_kernels_v1_Tucker2ConvRequest, Tucker2ConvRequest__Output as _edgepress_kernels_v1_Tucker2ConvRequest__Output } from '../../../edgepress/kernels/v1/Tucker2ConvRequest';
import type { Tucker2ConvResponse as _edgepress_kernels_v1_Tucker2ConvResponse, Tucker2ConvResponse__Output as _edgepress_kernels_v1_Tucker2ConvResponse__Output } from '../../../edgepress/kernels/v1/Tucker2ConvResponse';
import type { UnpackSparseRequest as _edgepress_kernels_v1_UnpackSparseRequest, UnpackSparseRequest__Output as _edgepress_kernels_v1_UnpackSparseRequest__Output } from '../../../edgepress/kernels/v1/UnpackSparseRequest';
import type { UnpackSparseResponse as _edgepress_kernels_v1_UnpackSparseResponse, UnpackSparseResponse__Output as _edgepress_kernels_v1_UnpackSparseResponse__Output } from '../../../edgepress/kernels/v1/UnpackSparseResponse';
import type { UnregisterSharedRegionRequest as _edgepress_kernels_v1_UnregisterSharedRegionRequest, UnregisterSharedRegionRequest__Output as _edgepress_kernels_v1_UnregisterSharedRegionRequest__Output } from '../../../edgepress/kernels/v1/UnregisterSharedRegionRequest';
import type { UnregisterSharedRegionResponse as _edgepress_kernels_v1_UnregisterSharedRegionResponse, UnregisterSharedRegionResponse__Output as _edgepress_kernels_v1_UnregisterSharedRegionResponse__Output } from '../../../edgepress/kernels/v1/UnregisterSharedRegionResponse';

export interface KernelsClient extends grpc.Client {
  ApplyMagnitudeMask(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_ApplyMagnitudeMaskRequest, _edgepress_kernels_v1_ApplyMagnitudeMaskResponse__Output>;
  ApplyMagnitudeMask(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_ApplyMagnitudeMaskRequest, _edgepress_kernels_v1_ApplyMagnitudeMaskResponse__Output>;
  applyMagnitudeMask(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_ApplyMagnitudeMaskRequest, _edgepress_kernels_v1_ApplyMagnitudeMaskResponse__Output>;
  applyMagnitudeMask(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_ApplyMagnitudeMaskRequest, _edgepress_kernels_v1_ApplyMagnitudeMaskResponse__Output>;
  
  Calibrate(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_CalibrationRequest, _edgepress_kernels_v1_CalibrationResponse__Output>;
  Calibrate(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_CalibrationRequest, _edgepress_kernels_v1_CalibrationResponse__Output>;
  calibrate(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_CalibrationRequest, _edgepress_kernels_v1_CalibrationResponse__Output>;
  calibrate(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_CalibrationRequest, _edgepress_kernels_v1_CalibrationResponse__Output>;
  
  ChannelImportance(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_ChannelImportanceRequest, _edgepress_kernels_v1_ChannelImportanceResponse__Output>;
  ChannelImportance(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_ChannelImportanceRequest, _edgepress_kernels_v1_ChannelImportanceResponse__Output>;
  channelImportance(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_ChannelImportanceRequest, _edgepress_kernels_v1_ChannelImportanceResponse__Output>;
  channelImportance(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_ChannelImportanceRequest, _edgepress_kernels_v1_ChannelImportanceResponse__Output>;
  
  CsrMatmul(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_CsrMatmulRequest, _edgepress_kernels_v1_CsrMatmulResponse__Output>;
  CsrMatmul(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_CsrMatmulRequest, _edgepress_kernels_v1_CsrMatmulResponse__Output>;
  csrMatmul(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_CsrMatmulRequest, _edgepress_kernels_v1_CsrMatmulResponse__Output>;
  csrMatmul(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_CsrMatmulRequest, _edgepress_kernels_v1_CsrMatmulResponse__Output>;
  
  DequantizeLinear(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_DequantizeLinearRequest, _edgepress_kernels_v1_DequantizeLinearResponse__Output>;
  DequantizeLinear(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_DequantizeLinearRequest, _edgepress_kernels_v1_DequantizeLinearResponse__Output>;
  dequantizeLinear(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_DequantizeLinearRequest, _edgepress_kernels_v1_DequantizeLinearResponse__Output>;
  dequantizeLinear(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_DequantizeLinearRequest, _edgepress_kernels_v1_DequantizeLinearResponse__Output>;
  
  DequantizeSigned(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_DequantizeSignedRequest, _edgepress_kernels_v1_DequantizeSignedResponse__Output>;
  DequantizeSigned(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_DequantizeSignedRequest, _edgepress_kernels_v1_DequantizeSignedResponse__Output>;
  dequantizeSigned(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_DequantizeSignedRequest, _edgepress_kernels_v1_DequantizeSignedResponse__Output>;
  dequantizeSigned(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_DequantizeSignedRequest, _edgepress_kernels_v1_DequantizeSignedResponse__Output>;
  
  DynamicQuantizeMatmul(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_DynamicQuantizeMatmulRequest, _edgepress_kernels_v1_DynamicQuantizeMatmulResponse__Output>;
  DynamicQuantizeMatmul(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_DynamicQuantizeMatmulRequest, _edgepress_kernels_v1_DynamicQuantizeMatmulResponse__Output>;
  dynamicQuantizeMatmul(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_DynamicQuantizeMatmulRequest, _edgepress_kernels_v1_DynamicQuantizeMatmulResponse__Output>;
  dynamicQuantizeMatmul(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_DynamicQuantizeMatmulRequest, _edgepress_kernels_v1_DynamicQuantizeMatmulResponse__Output>;
  
  HuffmanCode(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_HuffmanCodeRequest, _edgepress_kernels_v1_HuffmanCodeResponse__Output>;
  HuffmanCode(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_HuffmanCodeRequest, _edgepress_kernels_v1_HuffmanCodeResponse__Output>;
  huffmanCode(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_HuffmanCodeRequest, _edgepress_kernels_v1_HuffmanCodeResponse__Output>;
  huffmanCode(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_HuffmanCodeRequest, _edgepress_kernels_v1_HuffmanCodeResponse__Output>;
  
  KmeansCluster(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_KmeansClusterRequest, _edgepress_kernels_v1_KmeansClusterResponse__Output>;
  KmeansCluster(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_KmeansClusterRequest, _edgepress_kernels_v1_KmeansClusterResponse__Output>;
  kmeansCluster(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_KmeansClusterRequest, _edgepress_kernels_v1_KmeansClusterResponse__Output>;
  kmeansCluster(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_KmeansClusterRequest, _edgepress_kernels_v1_KmeansClusterResponse__Output>;
  
  LowRankFactors(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_LowRankFactorsRequest, _edgepress_kernels_v1_LowRankFactorsResponse__Output>;
  LowRankFactors(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_LowRankFactorsRequest, _edgepress_kernels_v1_LowRankFactorsResponse__Output>;
  lowRankFactors(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_LowRankFactorsRequest, _edgepress_kernels_v1_LowRankFactorsResponse__Output>;
  lowRankFactors(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_LowRankFactorsRequest, _edgepress_kernels_v1_LowRankFactorsResponse__Output>;
  
  MagnitudeThreshold(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MagnitudeThresholdRequest, _edgepress_kernels_v1_MagnitudeThresholdResponse__Output>;
  MagnitudeThreshold(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MagnitudeThresholdRequest, _edgepress_kernels_v1_MagnitudeThresholdResponse__Output>;
  magnitudeThreshold(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MagnitudeThresholdRequest, _edgepress_kernels_v1_MagnitudeThresholdResponse__Output>;
  magnitudeThreshold(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MagnitudeThresholdRequest, _edgepress_kernels_v1_MagnitudeThresholdResponse__Output>;
  
  MatmulDenseCsc(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MatmulDenseCscRequest, _edgepress_kernels_v1_MatmulDenseCscResponse__Output>;
  MatmulDenseCsc(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MatmulDenseCscRequest, _edgepress_kernels_v1_MatmulDenseCscResponse__Output>;
  matmulDenseCsc(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MatmulDenseCscRequest, _edgepress_kernels_v1_MatmulDenseCscResponse__Output>;
  matmulDenseCsc(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MatmulDenseCscRequest, _edgepress_kernels_v1_MatmulDenseCscResponse__Output>;
  
  MatmulInteger(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MatmulIntegerRequest, _edgepress_kernels_v1_MatmulIntegerResponse__Output>;
  MatmulInteger(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MatmulIntegerRequest, _edgepress_kernels_v1_MatmulIntegerResponse__Output>;
  matmulInteger(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MatmulIntegerRequest, _edgepress_kernels_v1_MatmulIntegerResponse__Output>;
  matmulInteger(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MatmulIntegerRequest, _edgepress_kernels_v1_MatmulIntegerResponse__Output>;
  
  MatmulIntegerToFloat(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MatmulIntegerToFloatRequest, _edgepress_kernels_v1_MatmulIntegerToFloatResponse__Output>;
  MatmulIntegerToFloat(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MatmulIntegerToFloatRequest, _edgepress_kernels_v1_MatmulIntegerToFloatResponse__Output>;
  matmulIntegerToFloat(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MatmulIntegerToFloatRequest, _edgepress_kernels_v1_MatmulIntegerToFloatResponse__Output>;
  matmulIntegerToFloat(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MatmulIntegerToFloatRequest, _edgepress_kernels_v1_MatmulIntegerToFloatResponse__Output>;
  
  MatmulNBits(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MatmulNBitsRequest, _edgepress_kernels_v1_MatmulNBitsResponse__Output>;
  MatmulNBits(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MatmulNBitsRequest, _edgepress_kernels_v1_MatmulNBitsResponse__Output>;
  matmulNBits(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MatmulNBitsRequest, _edgepress_kernels_v1_MatmulNBitsResponse__Output>;
  matmulNBits(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_MatmulNBitsRequest, _edgepress_kernels_v1_MatmulNBitsResponse__Output>;
  
  NmMask(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_NmMaskRequest, _edgepress_kernels_v1_NmMaskResponse__Output>;
  NmMask(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_NmMaskRequest, _edgepress_kernels_v1_NmMaskResponse__Output>;
  nmMask(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_NmMaskRequest, _edgepress_kernels_v1_NmMaskResponse__Output>;
  nmMask(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_NmMaskRequest, _edgepress_kernels_v1_NmMaskResponse__Output>;
  
  PackCsc(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_PackSparseRequest, _edgepress_kernels_v1_PackSparseResponse__Output>;
  PackCsc(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_PackSparseRequest, _edgepress_kernels_v1_PackSparseResponse__Output>;
  packCsc(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_PackSparseRequest, _edgepress_kernels_v1_PackSparseResponse__Output>;
  packCsc(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_PackSparseRequest, _edgepress_kernels_v1_PackSparseResponse__Output>;
  
  PackCsr(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_PackSparseRequest, _edgepress_kernels_v1_PackSparseResponse__Output>;
  PackCsr(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_PackSparseRequest, _edgepress_kernels_v1_PackSparseResponse__Output>;
  packCsr(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_PackSparseRequest, _edgepress_kernels_v1_PackSparseResponse__Output>;
  packCsr(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_PackSparseRequest, _edgepress_kernels_v1_PackSparseResponse__Output>;
  
  PackInt8Weights(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_PackInt8WeightsRequest, _edgepress_kernels_v1_PackInt8WeightsResponse__Output>;
  PackInt8Weights(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_PackInt8WeightsRequest, _edgepress_kernels_v1_PackInt8WeightsResponse__Output>;
  packInt8Weights(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_PackInt8WeightsRequest, _edgepress_kernels_v1_PackInt8WeightsResponse__Output>;
  packInt8Weights(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_PackInt8WeightsRequest, _edgepress_kernels_v1_PackInt8WeightsResponse__Output>;
  
  PruneByMagnitude(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_PruneByMagnitudeRequest, _edgepress_kernels_v1_PruneByMagnitudeResponse__Output>;
  PruneByMagnitude(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_PruneByMagnitudeRequest, _edgepress_kernels_v1_PruneByMagnitudeResponse__Output>;
  pruneByMagnitude(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_PruneByMagnitudeRequest, _edgepress_kernels_v1_PruneByMagnitudeResponse__Output>;
  pruneByMagnitude(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_PruneByMagnitudeRequest, _edgepress_kernels_v1_PruneByMagnitudeResponse__Output>;
  
  QlinearMatmul(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QlinearMatmulRequest, _edgepress_kernels_v1_QlinearMatmulResponse__Output>;
  QlinearMatmul(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QlinearMatmulRequest, _edgepress_kernels_v1_QlinearMatmulResponse__Output>;
  qlinearMatmul(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QlinearMatmulRequest, _edgepress_kernels_v1_QlinearMatmulResponse__Output>;
  qlinearMatmul(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QlinearMatmulRequest, _edgepress_kernels_v1_QlinearMatmulResponse__Output>;
  
  QuantizeBinary(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeBinaryRequest, _edgepress_kernels_v1_SignQuantizeResponse__Output>;
  QuantizeBinary(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeBinaryRequest, _edgepress_kernels_v1_SignQuantizeResponse__Output>;
  quantizeBinary(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeBinaryRequest, _edgepress_kernels_v1_SignQuantizeResponse__Output>;
  quantizeBinary(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeBinaryRequest, _edgepress_kernels_v1_SignQuantizeResponse__Output>;
  
  QuantizeInt4Weights(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeInt4WeightsRequest, _edgepress_kernels_v1_QuantizeInt4WeightsResponse__Output>;
  QuantizeInt4Weights(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeInt4WeightsRequest, _edgepress_kernels_v1_QuantizeInt4WeightsResponse__Output>;
  quantizeInt4Weights(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeInt4WeightsRequest, _edgepress_kernels_v1_QuantizeInt4WeightsResponse__Output>;
  quantizeInt4Weights(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeInt4WeightsRequest, _edgepress_kernels_v1_QuantizeInt4WeightsResponse__Output>;
  
  QuantizeLinear(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeLinearRequest, _edgepress_kernels_v1_QuantizeLinearResponse__Output>;
  QuantizeLinear(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeLinearRequest, _edgepress_kernels_v1_QuantizeLinearResponse__Output>;
  quantizeLinear(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeLinearRequest, _edgepress_kernels_v1_QuantizeLinearResponse__Output>;
  quantizeLinear(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeLinearRequest, _edgepress_kernels_v1_QuantizeLinearResponse__Output>;
  
  QuantizeTensor(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeTensorRequest, _edgepress_kernels_v1_QuantizeTensorResponse__Output>;
  QuantizeTensor(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeTensorRequest, _edgepress_kernels_v1_QuantizeTensorResponse__Output>;
  quantizeTensor(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeTensorRequest, _edgepress_kernels_v1_QuantizeTensorResponse__Output>;
  quantizeTensor(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeTensorRequest, _edgepress_kernels_v1_QuantizeTensorResponse__Output>;
  
  QuantizeTernary(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeTernaryRequest, _edgepress_kernels_v1_SignQuantizeResponse__Output>;
  QuantizeTernary(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeTernaryRequest, _edgepress_kernels_v1_SignQuantizeResponse__Output>;
  quantizeTernary(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeTernaryRequest, _edgepress_kernels_v1_SignQuantizeResponse__Output>;
  quantizeTernary(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_QuantizeTernaryRequest, _edgepress_kernels_v1_SignQuantizeResponse__Output>;
  
  RegisterSharedRegion(argument: _edgepress_kernels_v1_RegisterSharedRegionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_edgepress_kernels_v1_RegisterSharedRegionResponse__Output>): grpc.ClientUnaryCall;
  RegisterSharedRegion(argument: _edgepress_kernels_v1_RegisterSharedRegionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_edgepress_kernels_v1_RegisterSharedRegionResponse__Output>): grpc.ClientUnaryCall;
  RegisterSharedRegion(argument: _edgepress_kernels_v1_RegisterSharedRegionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_edgepress_kernels_v1_RegisterSharedRegionResponse__Output>): grpc.ClientUnaryCall;
  RegisterSharedRegion(argument: _edgepress_kernels_v1_RegisterSharedRegionRequest, callback: grpc.requestCallback<_edgepress_kernels_v1_RegisterSharedRegionResponse__Output>): grpc.ClientUnaryCall;
  registerSharedRegion(argument: _edgepress_kernels_v1_RegisterSharedRegionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_edgepress_kernels_v1_RegisterSharedRegionResponse__Output>): grpc.ClientUnaryCall;
  registerSharedRegion(argument: _edgepress_kernels_v1_RegisterSharedRegionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_edgepress_kernels_v1_RegisterSharedRegionResponse__Output>): grpc.ClientUnaryCall;
  registerSharedRegion(argument: _edgepress_kernels_v1_RegisterSharedRegionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_edgepress_kernels_v1_RegisterSharedRegionResponse__Output>): grpc.ClientUnaryCall;
  registerSharedRegion(argument: _edgepress_kernels_v1_RegisterSharedRegionRequest, callback: grpc.requestCallback<_edgepress_kernels_v1_RegisterSharedRegionResponse__Output>): grpc.ClientUnaryCall;
  
  TensorMinMax(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_TensorMinMaxRequest, _edgepress_kernels_v1_TensorMinMaxResponse__Output>;
  TensorMinMax(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_TensorMinMaxRequest, _edgepress_kernels_v1_TensorMinMaxResponse__Output>;
  tensorMinMax(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_TensorMinMaxRequest, _edgepress_kernels_v1_TensorMinMaxResponse__Output>;
  tensorMinMax(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_TensorMinMaxRequest, _edgepress_kernels_v1_TensorMinMaxResponse__Output>;
  
  TruncatedSvd(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_TruncatedSvdRequest, _edgepress_kernels_v1_TruncatedSvdResponse__Output>;
  TruncatedSvd(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_TruncatedSvdRequest, _edgepress_kernels_v1_TruncatedSvdResponse__Output>;
  truncatedSvd(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_TruncatedSvdRequest, _edgepress_kernels_v1_TruncatedSvdResponse__Output>;
  truncatedSvd(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_TruncatedSvdRequest, _edgepress_kernels_v1_TruncatedSvdResponse__Output>;
  
  Tucker2Conv(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_Tucker2ConvRequest, _edgepress_kernels_v1_Tucker2ConvResponse__Output>;
  Tucker2Conv(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_Tucker2ConvRequest, _edgepress_kernels_v1_Tucker2ConvResponse__Output>;
  tucker2Conv(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_Tucker2ConvRequest, _edgepress_kernels_v1_Tucker2ConvResponse__Output>;
  tucker2Conv(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_Tucker2ConvRequest, _edgepress_kernels_v1_Tucker2ConvResponse__Output>;
  
  UnpackCsc(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_UnpackSparseRequest, _edgepress_kernels_v1_UnpackSparseResponse__Output>;
  UnpackCsc(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_UnpackSparseRequest, _edgepress_kernels_v1_UnpackSparseResponse__Output>;
  unpackCsc(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_UnpackSparseRequest, _edgepress_kernels_v1_UnpackSparseResponse__Output>;
  unpackCsc(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_UnpackSparseRequest, _edgepress_kernels_v1_UnpackSparseResponse__Output>;
  
  UnpackCsr(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_UnpackSparseRequest, _edgepress_kernels_v1_UnpackSparseResponse__Output>;
  UnpackCsr(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_UnpackSparseRequest, _edgepress_kernels_v1_UnpackSparseResponse__Output>;
  unpackCsr(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_UnpackSparseRequest, _edgepress_kernels_v1_UnpackSparseResponse__Output>;
  unpackCsr(options?: grpc.CallOptions): grpc.ClientDuplexStream<_edgepress_kernels_v1_UnpackSparseRequest, _edgepress_kernels_v1_UnpackSparseResponse__Output>;
  
  UnregisterSharedRegion(argument: _edgepress_kernels_v1_UnregisterSharedRegionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_edgepress_kernels_v1_UnregisterSharedRegionResponse__Output>): grpc.ClientUnaryCall;
  UnregisterSharedRegion(argument: _edgepress_kernels_v1_UnregisterSharedRegionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_edgepress_kernels_v1_UnregisterSharedRegionResponse__Output>): grpc.ClientUnaryCall;
  UnregisterSharedRegion(argument: _edgepress_kernels_v1_UnregisterSharedRegionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_edgepress_kernels_v1_UnregisterSharedRegionResponse__Output>): grpc.ClientUnaryCall;
  UnregisterSharedRegion(argument: _edgepress_kernels_v1_UnregisterSharedRegionRequest, callback: grpc.requestCallback<_edgepress_kernels_v1_UnregisterSharedRegionResponse__Output>): grpc.ClientUnaryCall;
  unregisterSharedRegion(argument: _edgepress_kernels_v1_UnregisterSharedRegionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_edgepress_kernels_v1_UnregisterSharedRegionResponse__Output>): grpc.ClientUnaryCall;
  unregisterSharedRegion(argument: _edgepress_kernels_v1_UnregisterSharedRegionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_edgepress_kernels_v1_UnregisterSharedRegionResponse__Output>): grpc.ClientUnaryCall;
  unregisterSharedRegion(argument: _edgepress_kernels_v1_UnregisterSharedRegionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_edgepress_kernels_v1_UnregisterSharedRegionResponse__Output>): grpc.ClientUnaryCall;
  unregisterSharedRegion(argument: _edgepress_kernels_v1_UnregisterSharedRegionRequest, callback: grpc.requestCallback<_edgepress_kernels_v1_UnregisterSharedRegionResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface KernelsHandlers extends grpc.UntypedServiceImplementation {
  ApplyMagnitudeMask: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_ApplyMagnitudeMaskRequest__Output, _edgepress_kernels_v1_ApplyMagnitudeMaskResponse>;
  
  Calibrate: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_CalibrationRequest__Output, _edgepress_kernels_v1_CalibrationResponse>;
  
  ChannelImportance: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_ChannelImportanceRequest__Output, _edgepress_kernels_v1_ChannelImportanceResponse>;
  
  CsrMatmul: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_CsrMatmulRequest__Output, _edgepress_kernels_v1_CsrMatmulResponse>;
  
  DequantizeLinear: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_DequantizeLinearRequest__Output, _edgepress_kernels_v1_DequantizeLinearResponse>;
  
  DequantizeSigned: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_DequantizeSignedRequest__Output, _edgepress_kernels_v1_DequantizeSignedResponse>;
  
  DynamicQuantizeMatmul: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_DynamicQuantizeMatmulRequest__Output, _edgepress_kernels_v1_DynamicQuantizeMatmulResponse>;
  
  HuffmanCode: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_HuffmanCodeRequest__Output, _edgepress_kernels_v1_HuffmanCodeResponse>;
  
  KmeansCluster: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_KmeansClusterRequest__Output, _edgepress_kernels_v1_KmeansClusterResponse>;
  
  LowRankFactors: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_LowRankFactorsRequest__Output, _edgepress_kernels_v1_LowRankFactorsResponse>;
  
  MagnitudeThreshold: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_MagnitudeThresholdRequest__Output, _edgepress_kernels_v1_MagnitudeThresholdResponse>;
  
  MatmulDenseCsc: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_MatmulDenseCscRequest__Output, _edgepress_kernels_v1_MatmulDenseCscResponse>;
  
  MatmulInteger: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_MatmulIntegerRequest__Output, _edgepress_kernels_v1_MatmulIntegerResponse>;
  
  MatmulIntegerToFloat: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_MatmulIntegerToFloatRequest__Output, _edgepress_kernels_v1_MatmulIntegerToFloatResponse>;
  
  MatmulNBits: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_MatmulNBitsRequest__Output, _edgepress_kernels_v1_MatmulNBitsResponse>;
  
  NmMask: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_NmMaskRequest__Output, _edgepress_kernels_v1_NmMaskResponse>;
  
  PackCsc: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_PackSparseRequest__Output, _edgepress_kernels_v1_PackSparseResponse>;
  
  PackCsr: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_PackSparseRequest__Output, _edgepress_kernels_v1_PackSparseResponse>;
  
  PackInt8Weights: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_PackInt8WeightsRequest__Output, _edgepress_kernels_v1_PackInt8WeightsResponse>;
  
  PruneByMagnitude: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_PruneByMagnitudeRequest__Output, _edgepress_kernels_v1_PruneByMagnitudeResponse>;
  
  QlinearMatmul: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_QlinearMatmulRequest__Output, _edgepress_kernels_v1_QlinearMatmulResponse>;
  
  QuantizeBinary: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_QuantizeBinaryRequest__Output, _edgepress_kernels_v1_SignQuantizeResponse>;
  
  QuantizeInt4Weights: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_QuantizeInt4WeightsRequest__Output, _edgepress_kernels_v1_QuantizeInt4WeightsResponse>;
  
  QuantizeLinear: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_QuantizeLinearRequest__Output, _edgepress_kernels_v1_QuantizeLinearResponse>;
  
  QuantizeTensor: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_QuantizeTensorRequest__Output, _edgepress_kernels_v1_QuantizeTensorResponse>;
  
  QuantizeTernary: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_QuantizeTernaryRequest__Output, _edgepress_kernels_v1_SignQuantizeResponse>;
  
  RegisterSharedRegion: grpc.handleUnaryCall<_edgepress_kernels_v1_RegisterSharedRegionRequest__Output, _edgepress_kernels_v1_RegisterSharedRegionResponse>;
  
  TensorMinMax: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_TensorMinMaxRequest__Output, _edgepress_kernels_v1_TensorMinMaxResponse>;
  
  TruncatedSvd: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_TruncatedSvdRequest__Output, _edgepress_kernels_v1_TruncatedSvdResponse>;
  
  Tucker2Conv: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_Tucker2ConvRequest__Output, _edgepress_kernels_v1_Tucker2ConvResponse>;
  
  UnpackCsc: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_UnpackSparseRequest__Output, _edgepress_kernels_v1_UnpackSparseResponse>;
  
  UnpackCsr: grpc.handleBidiStreamingCall<_edgepress_kernels_v1_UnpackSparseRequest__Output, _edgepress_kernels_v1_UnpackSparseResponse>;
  
  UnregisterSharedRegion: grpc.handleUnaryCall<_edgepress_kernels_v1_UnregisterSharedRegionRequest__Output, _edgepress_kernels_v1_UnregisterSharedRegionResponse>;
  
}

export interface KernelsDefinition extends grpc.ServiceDefinition {
  ApplyMagnitudeMask: MethodDefinition<_edgepress_kernels_v1_ApplyMagnitudeMaskRequest, _edgepress_kernels_v1_ApplyMagnitudeMaskResponse, _edgepress_kernels_v1_ApplyMagnitudeMaskRequest__Output, _edgepress_kernels_v1_ApplyMagnitudeMaskResponse__Output>
  Calibrate: MethodDefinition<_edgepress_kernels_v1_CalibrationRequest, _edgepress_kernels_v1_CalibrationResponse, _edgepress_kernels_v1_CalibrationRequest__Output, _edgepress_kernels_v1_CalibrationResponse__Output>
  ChannelImportance: MethodDefinition<_edgepress_kernels_v1_ChannelImportanceRequest, _edgepress_kernels_v1_ChannelImportanceResponse, _edgepress_kernels_v1_ChannelImportanceRequest__Output, _edgepress_kernels_v1_ChannelImportanceResponse__Output>
  CsrMatmul: MethodDefinition<_edgepress_kernels_v1_CsrMatmulRequest, _edgepress_kernels_v1_CsrMatmulResponse, _edgepress_kernels_v1_CsrMatmulRequest__Output, _edgepress_kernels_v1_CsrMatmulResponse__Output>
  DequantizeLinear: MethodDefinition<_edgepress_kernels_v1_DequantizeLinearRequest, _edgepress_kernels_v1_DequantizeLinearResponse, _edgepress_kernels_v1_DequantizeLinearRequest__Output, _edgepress_kernels_v1_DequantizeLinearResponse__Output>
  DequantizeSigned: MethodDefinition<_edgepress_kernels_v1_DequantizeSignedRequest, _edgepress_kernels_v1_DequantizeSignedResponse, _edgepress_kernels_v1_DequantizeSignedRequest__Output, _edgepress_kernels_v1_DequantizeSignedResponse__Output>
  DynamicQuantizeMatmul: MethodDefinition<_edgepress_kernels_v1_DynamicQuantizeMatmulRequest, _edgepress_kernels_v1_DynamicQuantizeMatmulResponse, _edgepress_kernels_v1_DynamicQuantizeMatmulRequest__Output, _edgepress_kernels_v1_DynamicQuantizeMatmulResponse__Output>
  HuffmanCode: MethodDefinition<_edgepress_kernels_v1_HuffmanCodeRequest, _edgepress_kernels_v1_HuffmanCodeResponse, _edgepress_kernels_v1_HuffmanCodeRequest__Output, _edgepress_kernels_v1_HuffmanCodeResponse__Output>
  KmeansCluster: MethodDefinition<_edgepress_kernels_v1_KmeansClusterRequest, _edgepress_kernels_v1_KmeansClusterResponse, _edgepress_kernels_v1_KmeansClusterRequest__Output, _edgepress_kernels_v1_KmeansClusterResponse__Output>
  LowRankFactors: MethodDefinition<_edgepress_kernels_v1_LowRankFactorsRequest, _edgepress_kernels_v1_LowRankFactorsResponse, _edgepress_kernels_v1_LowRankFactorsRequest__Output, _edgepress_kernels_v1_LowRankFactorsResponse__Output>
  MagnitudeThreshold: MethodDefinition<_edgepress_kernels_v1_MagnitudeThresholdRequest, _edgepress_kernels_v1_MagnitudeThresholdResponse, _edgepress_kernels_v1_MagnitudeThresholdRequest__Output, _edgepress_kernels_v1_MagnitudeThresholdResponse__Output>
  MatmulDenseCsc: MethodDefinition<_edgepress_kernels_v1_MatmulDenseCscRequest, _edgepress_kernels_v1_MatmulDenseCscResponse, _edgepress_kernels_v1_MatmulDenseCscRequest__Output, _edgepress_kernels_v1_MatmulDenseCscResponse__Output>
  MatmulInteger: MethodDefinition<_edgepress_kernels_v1_MatmulIntegerRequest, _edgepress_kernels_v1_MatmulIntegerResponse, _edgepress_kernels_v1_MatmulIntegerRequest__Output, _edgepress_kernels_v1_MatmulIntegerResponse__Output>
  MatmulIntegerToFloat: MethodDefinition<_edgepress_kernels_v1_MatmulIntegerToFloatRequest, _edgepress_kernels_v1_MatmulIntegerToFloatResponse, _edgepress_kernels_v1_MatmulIntegerToFloatRequest__Output, _edgepress_kernels_v1_MatmulIntegerToFloatResponse__Output>
  MatmulNBits: MethodDefinition<_edgepress_kernels_v1_MatmulNBitsRequest, _edgepress_kernels_v1_MatmulNBitsResponse, _edgepress_kernels_v1_MatmulNBitsRequest__Output, _edgepress_kernels_v1_MatmulNBitsResponse__Output>
  NmMask: MethodDefinition<_edgepress_kernels_v1_NmMaskRequest, _edgepress_kernels_v1_NmMaskResponse, _edgepress_kernels_v1_NmMaskRequest__Output, _edgepress_kernels_v1_NmMaskResponse__Output>
  PackCsc: MethodDefinition<_edgepress_kernels_v1_PackSparseRequest, _edgepress_kernels_v1_PackSparseResponse, _edgepress_kernels_v1_PackSparseRequest__Output, _edgepress_kernels_v1_PackSparseResponse__Output>
  PackCsr: MethodDefinition<_edgepress_kernels_v1_PackSparseRequest, _edgepress_kernels_v1_PackSparseResponse, _edgepress_kernels_v1_PackSparseRequest__Output, _edgepress_kernels_v1_PackSparseResponse__Output>
  PackInt8Weights: MethodDefinition<_edgepress_kernels_v1_PackInt8WeightsRequest, _edgepress_kernels_v1_PackInt8WeightsResponse, _edgepress_kernels_v1_PackInt8WeightsRequest__Output, _edgepress_kernels_v1_PackInt8WeightsResponse__Output>
  PruneByMagnitude: MethodDefinition<_edgepress_kernels_v1_PruneByMagnitudeRequest, _edgepress_kernels_v1_PruneByMagnitudeResponse, _edgepress_kernels_v1_PruneByMagnitudeRequest__Output, _edgepress_kernels_v1_PruneByMagnitudeResponse__Output>
  QlinearMatmul: MethodDefinition<_edgepress_kernels_v1_QlinearMatmulRequest, _edgepress_kernels_v1_QlinearMatmulResponse, _edgepress_kernels_v1_QlinearMatmulRequest__Output, _edgepress_kernels_v1_QlinearMatmulResponse__Output>
  QuantizeBinary: MethodDefinition<_edgepress_kernels_v1_QuantizeBinaryRequest, _edgepress_kernels_v1_SignQuantizeResponse, _edgepress_kernels_v1_QuantizeBinaryRequest__Output, _edgepress_kernels_v1_SignQuantizeResponse__Output>
  QuantizeInt4Weights: MethodDefinition<_edgepress_kernels_v1_QuantizeInt4WeightsRequest, _edgepress_kernels_v1_QuantizeInt4WeightsResponse, _edgepress_kernels_v1_QuantizeInt4WeightsRequest__Output, _edgepress_kernels_v1_QuantizeInt4WeightsResponse__Output>
  QuantizeLinear: MethodDefinition<_edgepress_kernels_v1_QuantizeLinearRequest, _edgepress_kernels_v1_QuantizeLinearResponse, _edgepress_kernels_v1_QuantizeLinearRequest__Output, _edgepress_kernels_v1_QuantizeLinearResponse__Output>
  QuantizeTensor: MethodDefinition<_edgepress_kernels_v1_QuantizeTensorRequest, _edgepress_kernels_v1_QuantizeTensorResponse, _edgepress_kernels_v1_QuantizeTensorRequest__Output, _edgepress_kernels_v1_QuantizeTensorResponse__Output>
  QuantizeTernary: MethodDefinition<_edgepress_kernels_v1_QuantizeTernaryRequest, _edgepress_kernels_v1_SignQuantizeResponse, _edgepress_kernels_v1_QuantizeTernaryRequest__Output, _edgepress_kernels_v1_SignQuantizeResponse__Output>
  RegisterSharedRegion: MethodDefinition<_edgepress_kernels_v1_RegisterSharedRegionRequest, _edgepress_kernels_v1_RegisterSharedRegionResponse, _edgepress_kernels_v1_RegisterSharedRegionRequest__Output, _edgepress_kernels_v1_RegisterSharedRegionResponse__Output>
  TensorMinMax: MethodDefinition<_edgepress_kernels_v1_TensorMinMaxRequest, _edgepress_kernels_v1_TensorMinMaxResponse, _edgepress_kernels_v1_TensorMinMaxRequest__Output, _edgepress_kernels_v1_TensorMinMaxResponse__Output>
  TruncatedSvd: MethodDefinition<_edgepress_kernels_v1_TruncatedSvdRequest, _edgepress_kernels_v1_TruncatedSvdResponse, _edgepress_kernels_v1_TruncatedSvdRequest__Output, _edgepress_kernels_v1_TruncatedSvdResponse__Output>
  Tucker2Conv: MethodDefinition<_edgepress_kernels_v1_Tucker2ConvRequest, _edgepress_kernels_v1_Tucker2ConvResponse, _edgepress_kernels_v1_Tucker2ConvRequest__Output, _edgepress_kernels_v1_Tucker2ConvResponse__Output>
  UnpackCsc: MethodDefinition<_edgepress_kernels_v1_UnpackSparseRequest, _edgepress_kernels_v1_UnpackSparseResponse, _edgepress_kernels_v1_UnpackSparseRequest__Output, _edgepress_kernels_v1_UnpackSparseResponse__Output>
  UnpackCsr: MethodDefinition<_edgepress_kernels_v1_UnpackSparseRequest, _edgepress_kernels_v1_UnpackSparseResponse, _edgepress_kernels_v1_UnpackSparseRequest__Output, _edgepress_kernels_v1_UnpackSparseResponse__Output>
  UnregisterSharedRegion: MethodDefinition<_edgepress_kernels_v1_UnregisterSharedRegionRequest, _edgepress_kernels_v1_UnregisterSharedRegionResponse, _edgepress_kernels_v1_UnregisterSharedRegionRequest__Output, _edgepress_kernels_v1_UnregisterSharedRegionResponse__Output>
}
