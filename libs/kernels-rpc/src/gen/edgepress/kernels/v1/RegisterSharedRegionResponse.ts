// Original file: proto/edgepress/kernels/v1/kernels.proto


export interface RegisterSharedRegionResponse {
  'regionId'?: (string);
}

export interface RegisterSharedRegionResponse__Output {
  'regionId': (string);
}
