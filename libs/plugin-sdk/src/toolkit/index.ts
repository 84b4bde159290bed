/**
 * @edgepress/plugin-sdk/toolkit: graph-rewrite helpers that run inside the plugin sandbox (no
 * Node APIs), on a StageContext and its GraphView snapshots.
 */
export { GraphIndex, type ValueUse } from './graph-index';
export { followChain, findChains, type ChainStep } from './chain-match';
export { describeLinearLayer, type LinearLayer } from './linear-layer';
export { channelBroadcast, perChannelValues, type ChannelBroadcast } from './channel-broadcast';
export { collectAffineChain, type AffineChain, type AffineChainOptions } from './affine-chain';
export { foldBatchNorm, type FoldBatchNormOptions, type FoldBatchNormReport } from './fold-batchnorm';
export { fuseHardSwish, findHardSwishChains, scalarOperands, type FuseHardSwishReport, type HardSwishChain } from './fuse-hard-swish';
export { intAttribute, floatAttribute, intsAttribute, floatsAttribute, stringAttribute, isOnnxOp } from './node-attributes';
export { takeAlongAxis, keptIndices, elementCount } from './tensor-slice';
export { isFloatWeight, readFloatWeight, writeWeight, type FloatWeight } from './weight-values';
export { layerFilter, type LayerFilter } from './layer-filter';
export { compactNames, type CompactNamesReport } from './compact-names';
