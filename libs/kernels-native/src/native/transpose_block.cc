#include "transpose_block.h"

#include "cpu_features.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace edgepress {
namespace {

#if defined(__x86_64__)

__attribute__((target("avx2,fma"))) void Transpose8x8Avx2(const float* src, size_t lds, float* dst, size_t ldd) {
  __m256 r[8], t[8];
  for (int i = 0; i < 8; ++i) r[i] = _mm256_loadu_ps(src + i * lds);
  for (int i = 0; i < 8; i += 2) {
    t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]);
    t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);
  }
  for (int i = 0; i < 8; i += 4) {
    r[i] = _mm256_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(1, 0, 1, 0));
    r[i + 1] = _mm256_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(3, 2, 3, 2));
    r[i + 2] = _mm256_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(1, 0, 1, 0));
    r[i + 3] = _mm256_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(3, 2, 3, 2));
  }
  for (int i = 0; i < 4; ++i) {
    _mm256_storeu_ps(dst + i * ldd, _mm256_permute2f128_ps(r[i], r[i + 4], 0x20));
    _mm256_storeu_ps(dst + (i + 4) * ldd, _mm256_permute2f128_ps(r[i], r[i + 4], 0x31));
  }
}

// dst[c * ldd + r] = src[r * lds + c] for a 16 x 16 block: every row read and written is one
// 64-byte vector (4 shuffles per vector; the 8 x 8 AVX2 blocks need 6 per 16 floats).
__attribute__((target("avx512f"))) void Transpose16x16Avx512(const float* src, size_t lds, float* dst, size_t ldd) {
  __m512 r[16], t[16];
  for (int i = 0; i < 16; ++i) r[i] = _mm512_loadu_ps(src + i * lds);
  for (int i = 0; i < 16; i += 2) {
    t[i] = _mm512_unpacklo_ps(r[i], r[i + 1]);
    t[i + 1] = _mm512_unpackhi_ps(r[i], r[i + 1]);
  }
  // r[4g + s], 128-bit lane l: column 4l + s of rows 4g .. 4g+3.
  for (int i = 0; i < 16; i += 4) {
    r[i] = _mm512_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(1, 0, 1, 0));
    r[i + 1] = _mm512_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(3, 2, 3, 2));
    r[i + 2] = _mm512_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(1, 0, 1, 0));
    r[i + 3] = _mm512_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(3, 2, 3, 2));
  }
  // Column 4l + s is lane l of r[s], r[4 + s], r[8 + s], r[12 + s]: a 4 x 4 transpose of lanes.
  for (int s = 0; s < 4; ++s) {
    const __m512 u0 = _mm512_shuffle_f32x4(r[s], r[4 + s], 0x44), u1 = _mm512_shuffle_f32x4(r[s], r[4 + s], 0xEE);
    const __m512 u2 = _mm512_shuffle_f32x4(r[8 + s], r[12 + s], 0x44), u3 = _mm512_shuffle_f32x4(r[8 + s], r[12 + s], 0xEE);
    _mm512_storeu_ps(dst + (0 + s) * ldd, _mm512_shuffle_f32x4(u0, u2, 0x88));
    _mm512_storeu_ps(dst + (4 + s) * ldd, _mm512_shuffle_f32x4(u0, u2, 0xDD));
    _mm512_storeu_ps(dst + (8 + s) * ldd, _mm512_shuffle_f32x4(u1, u3, 0x88));
    _mm512_storeu_ps(dst + (12 + s) * ldd, _mm512_shuffle_f32x4(u1, u3, 0xDD));
  }
}

#endif

}  // namespace

void TransposeBlock(const float* src, size_t lds, float* dst, size_t ldd, size_t rows, size_t cols) {
  size_t full_rows = 0, full_cols = 0;
#if defined(__x86_64__)
  if (HasAvx512F()) {
    // Whole 64-byte lines on both sides, and the side with the longer row stride visited row after
    // row (several consecutive lines of one row in a row). Measured at 64 x 1024 x 1024, 90 %
    // sparse (packing X and unpacking Y): 0.20 -> 0.18 ms a sparse product (with its prefetch),
    // against the AVX2 pairs below.
    full_rows = rows & ~size_t{15};
    full_cols = cols & ~size_t{15};
    if (ldd > lds) {
      for (size_t c = 0; c < full_cols; c += 16) {
        for (size_t r = 0; r < full_rows; r += 16) Transpose16x16Avx512(src + r * lds + c, lds, dst + c * ldd + r, ldd);
      }
    } else {
      for (size_t r = 0; r < full_rows; r += 16) {
        for (size_t c = 0; c < full_cols; c += 16) Transpose16x16Avx512(src + r * lds + c, lds, dst + c * ldd + r, ldd);
      }
    }
  } else if (HasAvx2Fma()) {
    // Pairs of 8 x 8 blocks are ordered so that the side with the longer row stride (rows of X
    // when packing, rows of Y when unpacking, often 4 KB apart and so competing for one L1 set)
    // has each 64-byte line read or written whole, with at most 8 such lines in flight. Touching
    // each line twice, a sweep apart, cost about a fifth of a sparse product.
    full_rows = rows & ~size_t{15};
    full_cols = cols & ~size_t{15};
    if (ldd > lds) {
      for (size_t c = 0; c < full_cols; c += 8) {
        for (size_t r = 0; r < full_rows; r += 16) {
          Transpose8x8Avx2(src + r * lds + c, lds, dst + c * ldd + r, ldd);
          Transpose8x8Avx2(src + (r + 8) * lds + c, lds, dst + c * ldd + r + 8, ldd);
        }
      }
    } else {
      for (size_t c = 0; c < full_cols; c += 16) {
        for (size_t r = 0; r < full_rows; r += 8) {
          Transpose8x8Avx2(src + r * lds + c, lds, dst + c * ldd + r, ldd);
          Transpose8x8Avx2(src + r * lds + c + 8, lds, dst + (c + 8) * ldd + r, ldd);
        }
      }
    }
  }
#endif
  for (size_t r = 0; r < rows; ++r) {
    const size_t c_begin = r < full_rows ? full_cols : 0;
    for (size_t c = c_begin; c < cols; ++c) dst[c * ldd + r] = src[r * lds + c];
  }
}

}  // namespace edgepress
