import type { PluginTarget, SupportDecision } from '@edgepress/plugin-sdk';
import type { QuantizeInt8Params } from './params';

/** The quantization scheme actually used: the params as the target allows them. */
export interface QuantizationScheme {
  readonly mode: 'static' | 'dynamic';
  readonly perChannel: boolean;
  /** 7-bit weights ([-64, 63]). */
  readonly reduceRange: boolean;
  readonly symmetricWeights: boolean;
  /** 'float': weight-only quantization. */
  readonly activationType: 'uint8' | 'int8' | 'float';
  /** Why the scheme differs from the params. */
  readonly notes: readonly string[];
}

/** False for targets that run no int8 at all: quantizing for them would only add conversions. */
export function supportsInt8(target: PluginTarget): SupportDecision {
  if (!target.quantization.allowedPrecisions.includes('int8')) {
    return {
      supported: false,
      reason: `${target.name} does not run int8 (it accelerates ${target.quantization.allowedPrecisions.join(', ') || 'no listed precision'}); an int8 model would run slower there, not faster`,
    };
  }
  return { supported: true };
}

export function resolveScheme(params: QuantizeInt8Params, target: PluginTarget): QuantizationScheme {
  const notes: string[] = [];
  const requirements = target.quantization;
  let perChannel = params.granularity === 'per-channel';
  if (perChannel && requirements.perTensorOnly) {
    perChannel = false;
    notes.push(`per-tensor weight scales: ${target.name} allows one scale per tensor`);
  }
  let symmetricWeights = params.symmetricWeights;
  if (!symmetricWeights && requirements.symmetricWeights) {
    symmetricWeights = true;
    notes.push(`symmetric weights: ${target.name} requires weight zero points of 0`);
  }
  const reduceRange = params.reduceRange === 'auto' ? requirements.reduceRange : params.reduceRange;
  if (params.reduceRange === 'auto' && reduceRange) {
    notes.push(`7-bit weights (reduce_range): ${target.name} multiplies u8 x s8 through saturating 16-bit sums (no VNNI)`);
  } else if (params.reduceRange === false && requirements.reduceRange) {
    notes.push(`8-bit weights as asked, although ${target.name} saturates 16-bit sums of u8 x s8 products: expect larger errors there`);
  }
  return {
    mode: params.mode,
    perChannel,
    reduceRange,
    symmetricWeights,
    activationType: params.activations === 'int8-symmetric' ? 'int8' : params.activations === 'float' ? 'float' : 'uint8',
    notes,
  };
}
