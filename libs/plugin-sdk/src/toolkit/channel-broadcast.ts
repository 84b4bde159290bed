/**
 * How a constant operand of an elementwise operator lines up with a value's channel axis, under
 * numpy broadcasting (shapes aligned from the end): the same for every channel, one entry per
 * channel (and at which of the constant's axes), or incompatible with that channel count.
 */
export type ChannelBroadcast =
  | { readonly kind: 'uniform'; readonly spread: boolean }
  | { readonly kind: 'per-channel'; readonly axis: number; readonly spread: boolean }
  | { readonly kind: 'mismatch' };

/**
 * `channelAxisFromEnd` is negative (-3 for NCHW, -1 for [N, C]). `spread` is true when the
 * constant also varies along some other axis (then it is not a per-channel affine map).
 */
export function channelBroadcast(dims: readonly number[], channelAxisFromEnd: number, channels: number): ChannelBroadcast {
  const position = dims.length + channelAxisFromEnd;
  let spread = false;
  dims.forEach((dim, i) => {
    if (i !== position && dim !== 1) spread = true;
  });
  if (position < 0 || dims[position] === 1) return { kind: 'uniform', spread };
  if (dims[position] === channels) return { kind: 'per-channel', axis: position, spread };
  return { kind: 'mismatch' };
}

/** Broadcasts a uniform or per-channel constant to one value per channel (as float64). */
export function perChannelValues(values: ArrayLike<number>, broadcast: ChannelBroadcast, channels: number): Float64Array {
  const out = new Float64Array(channels);
  if (broadcast.kind === 'uniform') out.fill(values[0]);
  else if (broadcast.kind === 'per-channel') for (let c = 0; c < channels; c++) out[c] = values[c];
  return out;
}
