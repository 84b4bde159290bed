// Original file: proto/edgepress/kernels/v1/kernels.proto


export interface EnergySelection {
  'energy'?: (number | string);
  'maxRank'?: (number);
  '_maxRank'?: "maxRank";
}

export interface EnergySelection__Output {
  'energy': (number);
  'maxRank'?: (number);
  '_maxRank'?: "maxRank";
}
