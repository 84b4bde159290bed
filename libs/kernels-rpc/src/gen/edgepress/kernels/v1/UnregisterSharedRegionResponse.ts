// Original file: proto/edgepress/kernels/v1/kernels.proto


export interface UnregisterSharedRegionResponse {
}

export interface UnregisterSharedRegionResponse__Output {
}
