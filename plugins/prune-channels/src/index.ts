import { definePlugin } from '@edgepress/plugin-sdk';
import { params } from './params';
import { pruneChannels } from './prune-model';

export default definePlugin({
  name: 'prune-channels',
  version: '0.1.0',
  kind: 'prune',
  description:
    'Structured pruning: removes the least important output channels of Conv/Gemm/MatMul layers (measured on calibration data, with the ' +
    "removed channels' mean moved into their readers' biases; or L1/L2 weight norms, or BatchNormalization gamma), " +
    'pruning channels tied by residual Adds, SE gates and depthwise layers together, and rewires every reader (BatchNormalization, ' +
    'depthwise and next layers, Concat offsets) so the model is really smaller and faster. Channels that reach graph outputs, ' +
    'Reshape/Transpose or unknown operators are left alone, with a note.',
  params,
  engines: '^1.0.0',
  run: pruneChannels,
});
