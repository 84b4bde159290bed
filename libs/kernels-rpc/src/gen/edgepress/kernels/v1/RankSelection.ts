// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { EnergySelection as _edgepress_kernels_v1_EnergySelection, EnergySelection__Output as _edgepress_kernels_v1_EnergySelection__Output } from '../../../edgepress/kernels/v1/EnergySelection';

export interface RankSelection {
  'rank'?: (number);
  'energy'?: (_edgepress_kernels_v1_EnergySelection | null);
  'by'?: "rank"|"energy";
}

export interface RankSelection__Output {
  'rank'?: (number);
  'energy'?: (_edgepress_kernels_v1_EnergySelection__Output | null);
  'by'?: "rank"|"energy";
}
