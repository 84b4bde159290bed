#include "quantize_rows.h"

#include <algorithm>
#include <cmath>

#include "cpu_features.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace edgepress {

namespace {

// Clamping in float before rounding equals rounding then clamping (the bounds are integers and
// rounding is monotonic); it also keeps huge quotients and +-Inf away from the int conversion.
inline uint8_t QuantizeOne(float x, float scale, int32_t zp, int32_t qmin, int32_t qmax) {
  float v = x / scale;
  v = std::max(v, static_cast<float>(qmin - zp));
  v = std::min(v, static_cast<float>(qmax - zp));
  if (std::isnan(v)) v = static_cast<float>(qmin - zp);  // as the AVX2 path does
  return static_cast<uint8_t>(static_cast<int32_t>(std::nearbyintf(v)) + zp);
}

bool QuantizeRowPortable(const float* x, size_t n, const float* scale, const int32_t* zp, RowParams params,
                         int32_t qmin, int32_t qmax, uint8_t* y) {
  bool ok = true;
  for (size_t i = 0; i < n; ++i) {
    size_t p = params == RowParams::kPerElement ? i : 0;
    ok &= !std::isnan(x[i]);
    y[i] = QuantizeOne(x[i], scale[p], zp ? zp[p] : 0, qmin, qmax);
  }
  return ok;
}

void DequantizeRowPortable(const uint8_t* x, bool is_signed, size_t n, const float* scale, const int32_t* zp,
                           RowParams params, float* y) {
  for (size_t i = 0; i < n; ++i) {
    size_t p = params == RowParams::kPerElement ? i : 0;
    int32_t q = is_signed ? static_cast<int32_t>(static_cast<int8_t>(x[i])) : static_cast<int32_t>(x[i]);
    y[i] = static_cast<float>(q - (zp ? zp[p] : 0)) * scale[p];
  }
}

bool MinMaxRowPortable(const float* x, size_t n, float* min_out, float* max_out) {
  float lo = x[0], hi = x[0];
  bool ok = true;
  for (size_t i = 0; i < n; ++i) {
    ok &= !std::isnan(x[i]);
    lo = std::min(lo, x[i]);
    hi = std::max(hi, x[i]);
  }
  *min_out = lo;
  *max_out = hi;
  return ok;
}

#if defined(__x86_64__)

#define EDGEPRESS_AVX2 __attribute__((target("avx2,fma")))

// 8 lanes of clamp(rne(x / s) + zp); NaN lanes are recorded in `nan_mask`.
EDGEPRESS_AVX2 inline __m256i QuantizeLanes(__m256 x, __m256 s, __m256i zp, __m256 lo, __m256 hi, __m256& nan_mask) {
  nan_mask = _mm256_or_ps(nan_mask, _mm256_cmp_ps(x, x, _CMP_UNORD_Q));
  __m256 v = _mm256_div_ps(x, s);
  v = _mm256_min_ps(_mm256_max_ps(v, lo), hi);  // max_ps returns `lo` for a NaN lane
  return _mm256_add_epi32(_mm256_cvtps_epi32(v), zp);
}

EDGEPRESS_AVX2 inline __m256i QuantizePerElementLanes(const float* x, const float* scale, const int32_t* zp, size_t at,
                                                      __m256 fqmin, __m256 fqmax, __m256& nan_mask) {
  __m256i vz = zp ? _mm256_loadu_si256(reinterpret_cast<const __m256i*>(zp + at)) : _mm256_setzero_si256();
  __m256 fz = _mm256_cvtepi32_ps(vz);
  return QuantizeLanes(_mm256_loadu_ps(x + at), _mm256_loadu_ps(scale + at), vz, _mm256_sub_ps(fqmin, fz),
                       _mm256_sub_ps(fqmax, fz), nan_mask);
}

// Narrows 32 int32 lanes (already within 8-bit range) to 32 bytes in order.
EDGEPRESS_AVX2 inline void Store32(__m256i a, __m256i b, __m256i c, __m256i d, bool is_signed, uint8_t* y) {
  __m256i ab = _mm256_packs_epi32(a, b);
  __m256i cd = _mm256_packs_epi32(c, d);
  __m256i bytes = is_signed ? _mm256_packs_epi16(ab, cd) : _mm256_packus_epi16(ab, cd);
  bytes = _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(y), bytes);
}

EDGEPRESS_AVX2 bool QuantizeRowAvx2(const float* x, size_t n, const float* scale, const int32_t* zp, RowParams params,
                                    int32_t qmin, int32_t qmax, uint8_t* y) {
  const bool is_signed = qmin < 0;
  __m256 nan_mask = _mm256_setzero_ps();
  size_t i = 0;
  if (params == RowParams::kBroadcast) {
    const int32_t z = zp ? zp[0] : 0;
    const __m256 s = _mm256_set1_ps(scale[0]);
    const __m256i vz = _mm256_set1_epi32(z);
    const __m256 lo = _mm256_set1_ps(static_cast<float>(qmin - z));
    const __m256 hi = _mm256_set1_ps(static_cast<float>(qmax - z));
    for (; i + 32 <= n; i += 32) {
      __m256i a = QuantizeLanes(_mm256_loadu_ps(x + i), s, vz, lo, hi, nan_mask);
      __m256i b = QuantizeLanes(_mm256_loadu_ps(x + i + 8), s, vz, lo, hi, nan_mask);
      __m256i c = QuantizeLanes(_mm256_loadu_ps(x + i + 16), s, vz, lo, hi, nan_mask);
      __m256i d = QuantizeLanes(_mm256_loadu_ps(x + i + 24), s, vz, lo, hi, nan_mask);
      Store32(a, b, c, d, is_signed, y + i);
    }
  } else {
    const __m256 fqmin = _mm256_set1_ps(static_cast<float>(qmin));
    const __m256 fqmax = _mm256_set1_ps(static_cast<float>(qmax));
    for (; i + 32 <= n; i += 32) {
      __m256i a = QuantizePerElementLanes(x, scale, zp, i, fqmin, fqmax, nan_mask);
      __m256i b = QuantizePerElementLanes(x, scale, zp, i + 8, fqmin, fqmax, nan_mask);
      __m256i c = QuantizePerElementLanes(x, scale, zp, i + 16, fqmin, fqmax, nan_mask);
      __m256i d = QuantizePerElementLanes(x, scale, zp, i + 24, fqmin, fqmax, nan_mask);
      Store32(a, b, c, d, is_signed, y + i);
    }
  }
  bool ok = _mm256_movemask_ps(nan_mask) == 0;
  if (i < n) {
    size_t p = params == RowParams::kPerElement ? i : 0;
    ok &= QuantizeRowPortable(x + i, n - i, scale + p, zp ? zp + p : nullptr, params, qmin, qmax, y + i);
  }
  return ok;
}

EDGEPRESS_AVX2 void DequantizeRowAvx2(const uint8_t* x, bool is_signed, size_t n, const float* scale, const int32_t* zp,
                                      RowParams params, float* y) {
  size_t i = 0;
  const bool per_element = params == RowParams::kPerElement;
  const __m256 s0 = _mm256_set1_ps(scale[0]);
  const __m256i z0 = _mm256_set1_epi32(zp ? zp[0] : 0);
  for (; i + 8 <= n; i += 8) {
    __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(x + i));
    __m256i q = is_signed ? _mm256_cvtepi8_epi32(bytes) : _mm256_cvtepu8_epi32(bytes);
    __m256i z = per_element ? (zp ? _mm256_loadu_si256(reinterpret_cast<const __m256i*>(zp + i)) : _mm256_setzero_si256()) : z0;
    __m256 s = per_element ? _mm256_loadu_ps(scale + i) : s0;
    _mm256_storeu_ps(y + i, _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_sub_epi32(q, z)), s));
  }
  if (i < n) {
    size_t p = per_element ? i : 0;
    DequantizeRowPortable(x + i, is_signed, n - i, scale + p, zp ? zp + p : nullptr, params, y + i);
  }
}

EDGEPRESS_AVX2 bool MinMaxRowAvx2(const float* x, size_t n, float* min_out, float* max_out) {
  if (n < 16) return MinMaxRowPortable(x, n, min_out, max_out);
  __m256 lo = _mm256_loadu_ps(x), hi = lo, nan_mask = _mm256_setzero_ps();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __m256 v = _mm256_loadu_ps(x + i);
    nan_mask = _mm256_or_ps(nan_mask, _mm256_cmp_ps(v, v, _CMP_UNORD_Q));
    lo = _mm256_min_ps(lo, v);
    hi = _mm256_max_ps(hi, v);
  }
  alignas(32) float l[8], h[8];
  _mm256_store_ps(l, lo);
  _mm256_store_ps(h, hi);
  float tail_lo = l[0], tail_hi = h[0];
  bool ok = _mm256_movemask_ps(nan_mask) == 0;
  if (i < n) ok &= MinMaxRowPortable(x + i, n - i, &tail_lo, &tail_hi);
  for (int j = 0; j < 8; ++j) {
    tail_lo = std::min(tail_lo, l[j]);
    tail_hi = std::max(tail_hi, h[j]);
  }
  *min_out = tail_lo;
  *max_out = tail_hi;
  return ok;
}

#endif  // __x86_64__

}  // namespace

bool QuantizeRow(const float* x, size_t n, const float* scale, const int32_t* zero_point, RowParams params,
                 int32_t qmin, int32_t qmax, uint8_t* y) {
#if defined(__x86_64__)
  if (HasAvx2Fma()) return QuantizeRowAvx2(x, n, scale, zero_point, params, qmin, qmax, y);
#endif
  return QuantizeRowPortable(x, n, scale, zero_point, params, qmin, qmax, y);
}

void DequantizeRow(const uint8_t* x, bool is_signed, size_t n, const float* scale, const int32_t* zero_point,
                   RowParams params, float* y) {
#if defined(__x86_64__)
  if (HasAvx2Fma()) return DequantizeRowAvx2(x, is_signed, n, scale, zero_point, params, y);
#endif
  DequantizeRowPortable(x, is_signed, n, scale, zero_point, params, y);
}

bool MinMaxRow(const float* x, size_t n, float* min, float* max) {
#if defined(__x86_64__)
  if (HasAvx2Fma()) return MinMaxRowAvx2(x, n, min, max);
#endif
  return MinMaxRowPortable(x, n, min, max);
}

void PackNibbles(const uint8_t* values, size_t n, uint8_t* packed) {
  size_t pairs = n / 2;
  for (size_t b = 0; b < pairs; ++b) {
    packed[b] = static_cast<uint8_t>((values[2 * b] & 0x0F) | ((values[2 * b + 1] & 0x0F) << 4));
  }
  if (n % 2) packed[pairs] = values[n - 1] & 0x0F;
}

void UnpackNibbles(const uint8_t* packed, size_t n, bool is_signed, uint8_t* values) {
  for (size_t i = 0; i < n; ++i) {
    uint8_t nibble = (packed[i / 2] >> ((i % 2) * 4)) & 0x0F;
    values[i] = is_signed && (nibble & 0x08) ? static_cast<uint8_t>(nibble | 0xF0) : nibble;
  }
}

}  // namespace edgepress
