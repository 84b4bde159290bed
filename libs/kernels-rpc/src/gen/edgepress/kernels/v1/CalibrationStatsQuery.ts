// Original file: proto/edgepress/kernels/v1/kernels.proto


export interface CalibrationStatsQuery {
}

export interface CalibrationStatsQuery__Output {
}
