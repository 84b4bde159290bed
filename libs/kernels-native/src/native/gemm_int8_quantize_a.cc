#include "gemm_int8_quantize_a.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>

#include "cpu_features.h"
#include "quantize_rows.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace edgepress {

namespace {

constexpr size_t kChunk = 64;

bool RangePortable(const float* x, size_t n, float* min, float* max) {
  return MinMaxRow(x, n, min, max) && std::isfinite(*min) && std::isfinite(*max);
}

int32_t QuantizeRowPortable(const float* x, size_t k, size_t kp, float scale, int32_t zero_point, uint8_t* dest,
                            size_t chunk_stride) {
  uint8_t chunk[kChunk];
  int32_t sum = 0;
  for (size_t c = 0; c < kp / kChunk; ++c) {
    const size_t begin = c * kChunk, count = begin < k ? std::min(kChunk, k - begin) : 0;
    if (count > 0) QuantizeRow(x + begin, count, &scale, &zero_point, RowParams::kBroadcast, 0, 255, chunk);
    std::memset(chunk + count, 0, kChunk - count);
    for (size_t i = 0; i < count; ++i) sum += chunk[i];
    std::memcpy(dest + c * chunk_stride, chunk, kChunk);
  }
  return sum;
}

#if defined(__x86_64__)

#define EDGEPRESS_AVX512 __attribute__((target("avx512f")))

EDGEPRESS_AVX512 bool RangeAvx512(const float* x, size_t n, float* min_out, float* max_out) {
  __m512 lo[4], hi[4];
  for (int j = 0; j < 4; ++j) lo[j] = hi[j] = _mm512_set1_ps(x[0]);
  __mmask16 nan = 0;
  size_t i = 0;
  for (; i + 64 <= n; i += 64) {
    for (int j = 0; j < 4; ++j) {
      const __m512 v = _mm512_loadu_ps(x + i + 16 * j);
      nan |= _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q);
      lo[j] = _mm512_min_ps(lo[j], v);
      hi[j] = _mm512_max_ps(hi[j], v);
    }
  }
  for (; i < n; i += 16) {
    const __mmask16 valid = n - i >= 16 ? 0xffff : static_cast<__mmask16>((1u << (n - i)) - 1u);
    const __m512 v = _mm512_mask_loadu_ps(_mm512_set1_ps(x[0]), valid, x + i);
    nan |= _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q);
    lo[0] = _mm512_min_ps(lo[0], v);
    hi[0] = _mm512_max_ps(hi[0], v);
  }
  const __m512 l = _mm512_min_ps(_mm512_min_ps(lo[0], lo[1]), _mm512_min_ps(lo[2], lo[3]));
  const __m512 h = _mm512_max_ps(_mm512_max_ps(hi[0], hi[1]), _mm512_max_ps(hi[2], hi[3]));
  *min_out = _mm512_reduce_min_ps(l);
  *max_out = _mm512_reduce_max_ps(h);
  return nan == 0 && std::isfinite(*min_out) && std::isfinite(*max_out);
}

// Codes of 64 values (four vectors; lanes past `count` are 0): clamp(rne(x / scale) + zp, 0, 255),
// computed as rne(x * reciprocal) except in vectors where a lane may round differently (see the
// header): a lane is redone by division when |t - rne(t)| >= 0.5 - 2^-12. That tolerance covers
// the error bound |t| * 2^-21 for |t| <= 512; larger quotients saturate anyway (|zp| <= 255).
EDGEPRESS_AVX512 inline void QuantizeChunk(const float* x, size_t count, __m512 scale, __m512 reciprocal, __m512 lo, __m512 hi, __m512i zp,
                                           uint8_t* out, __m512i& sum) {
  const __m512 tie_distance = _mm512_set1_ps(0.5f - 0x1p-12f);
  __m512 v[4], n[4];
  __mmask16 valid[4], near_tie[4];
  __mmask16 any = 0;
  for (int j = 0; j < 4; ++j) {
    const size_t at = 16 * static_cast<size_t>(j);
    valid[j] = at >= count ? 0 : count - at >= 16 ? 0xffff : static_cast<__mmask16>((1u << (count - at)) - 1u);
    v[j] = _mm512_maskz_loadu_ps(valid[j], x + at);
    const __m512 t = _mm512_mul_ps(v[j], reciprocal);
    n[j] = _mm512_roundscale_ps(t, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    near_tie[j] = _mm512_cmp_ps_mask(_mm512_abs_ps(_mm512_sub_ps(t, n[j])), tie_distance, _CMP_GE_OQ);
    any |= near_tie[j];
  }
  if (any) {
    for (int j = 0; j < 4; ++j) {
      if (near_tie[j]) n[j] = _mm512_mask_roundscale_ps(n[j], near_tie[j], _mm512_div_ps(v[j], scale), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    }
  }
  for (int j = 0; j < 4; ++j) {
    const __m512 clamped = _mm512_min_ps(_mm512_max_ps(n[j], lo), hi);
    const __m512i codes = _mm512_maskz_add_epi32(valid[j], _mm512_cvtps_epi32(clamped), zp);
    sum = _mm512_add_epi32(sum, codes);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 16 * j), _mm512_cvtusepi32_epi8(codes));
  }
}

EDGEPRESS_AVX512 int32_t QuantizeRowAvx512(const float* x, size_t k, size_t kp, float scale, float reciprocal, int32_t zero_point,
                                           uint8_t* dest, size_t chunk_stride) {
  const __m512 vs = _mm512_set1_ps(scale), vr = _mm512_set1_ps(reciprocal);
  const __m512 lo = _mm512_set1_ps(static_cast<float>(0 - zero_point)), hi = _mm512_set1_ps(static_cast<float>(255 - zero_point));
  const __m512i zp = _mm512_set1_epi32(zero_point);
  __m512i sum = _mm512_setzero_si512();
  for (size_t c = 0; c < kp / kChunk; ++c) {
    const size_t begin = c * kChunk, count = begin < k ? std::min(kChunk, k - begin) : 0;
    QuantizeChunk(x + begin, count, vs, vr, lo, hi, zp, dest + c * chunk_stride, sum);
  }
  return _mm512_reduce_add_epi32(sum);
}

#endif  // __x86_64__

}  // namespace

bool ActivationRange(const float* x, size_t n, float* min, float* max) {
#if defined(__x86_64__)
  if (HasAvx512F()) return RangeAvx512(x, n, min, max);
#endif
  return RangePortable(x, n, min, max);
}

int32_t QuantizeActivationRow(const float* x, size_t k, size_t kp, float scale, int32_t zero_point, uint8_t* dest,
                              size_t chunk_stride) {
#if defined(__x86_64__)
  const float reciprocal = 1.0f / scale;
  // The error bound needs a normal reciprocal (no overflow for tiny scales, no subnormal for huge ones).
  if (HasAvx512F() && std::isfinite(reciprocal) && reciprocal >= FLT_MIN) {
    return QuantizeRowAvx512(x, k, kp, scale, reciprocal, zero_point, dest, chunk_stride);
  }
#endif
  return QuantizeRowPortable(x, k, kp, scale, zero_point, dest, chunk_stride);
}

}  // namespace edgepress
