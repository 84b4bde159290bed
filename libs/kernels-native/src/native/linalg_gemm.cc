#include "linalg_gemm.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "cpu_features.h"
#include "parallel.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace edgepress {
namespace {

constexpr size_t kTileRows = 4;
constexpr size_t kTileCols = 16;

template <bool kTransposeA>
inline float ElementA(const float* a, size_t lda, size_t i, size_t p) {
  return kTransposeA ? a[p * lda + i] : a[i * lda + p];
}

// Rows [i0, i0 + rows) x columns [j0, j0 + cols) of C, cols <= 16, sums in p order with fmaf.
template <bool kTransposeA>
void TilePortable(size_t i0, size_t rows, size_t j0, size_t cols, size_t k, const float* a, size_t lda,
                  const float* b, size_t ldb, float* c, size_t ldc) {
  float acc[kTileRows][kTileCols] = {};
  for (size_t p = 0; p < k; ++p) {
    const float* brow = b + p * ldb + j0;
    for (size_t r = 0; r < rows; ++r) {
      const float av = ElementA<kTransposeA>(a, lda, i0 + r, p);
      for (size_t j = 0; j < cols; ++j) acc[r][j] = std::fma(av, brow[j], acc[r][j]);
    }
  }
  for (size_t r = 0; r < rows; ++r) std::copy(acc[r], acc[r] + cols, c + (i0 + r) * ldc + j0);
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) inline __m256i ColumnMask(size_t valid) {
  alignas(32) static const int32_t kLanes[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kLanes + 8 - std::min<size_t>(valid, 8)));
}

template <bool kTransposeA, int kRows>
__attribute__((target("avx2,fma"))) void TileAvx2(size_t i0, size_t j0, size_t cols, size_t k, const float* a,
                                                  size_t lda, const float* b, size_t ldb, float* c, size_t ldc) {
  const __m256i mask0 = ColumnMask(cols), mask1 = ColumnMask(cols > 8 ? cols - 8 : 0);
  const bool full = cols == kTileCols;
  __m256 acc0[kRows], acc1[kRows];
  for (int r = 0; r < kRows; ++r) acc0[r] = acc1[r] = _mm256_setzero_ps();
  for (size_t p = 0; p < k; ++p) {
    const float* brow = b + p * ldb + j0;
    const __m256 b0 = full ? _mm256_loadu_ps(brow) : _mm256_maskload_ps(brow, mask0);
    const __m256 b1 = full ? _mm256_loadu_ps(brow + 8) : _mm256_maskload_ps(brow + 8, mask1);
    for (int r = 0; r < kRows; ++r) {
      const __m256 av = _mm256_set1_ps(ElementA<kTransposeA>(a, lda, i0 + r, p));
      acc0[r] = _mm256_fmadd_ps(av, b0, acc0[r]);
      acc1[r] = _mm256_fmadd_ps(av, b1, acc1[r]);
    }
  }
  for (int r = 0; r < kRows; ++r) {
    float* crow = c + (i0 + r) * ldc + j0;
    _mm256_maskstore_ps(crow, mask0, acc0[r]);
    _mm256_maskstore_ps(crow + 8, mask1, acc1[r]);
  }
}

template <bool kTransposeA>
void TileDispatchAvx2(size_t i0, size_t rows, size_t j0, size_t cols, size_t k, const float* a, size_t lda,
                      const float* b, size_t ldb, float* c, size_t ldc) {
  switch (rows) {
    case 4: return TileAvx2<kTransposeA, 4>(i0, j0, cols, k, a, lda, b, ldb, c, ldc);
    case 3: return TileAvx2<kTransposeA, 3>(i0, j0, cols, k, a, lda, b, ldb, c, ldc);
    case 2: return TileAvx2<kTransposeA, 2>(i0, j0, cols, k, a, lda, b, ldb, c, ldc);
    default: return TileAvx2<kTransposeA, 1>(i0, j0, cols, k, a, lda, b, ldb, c, ldc);
  }
}
#endif

template <bool kTransposeA>
void Gemm(size_t m, size_t n, size_t k, const float* a, size_t lda, const float* b, size_t ldb, float* c, size_t ldc,
          int threads, const CancelFlag& cancel) {
  const size_t row_tiles = (m + kTileRows - 1) / kTileRows;
  ParallelFor(threads, row_tiles, [&](size_t first, size_t last) {
    // Column panels outside, row tiles inside: each k x 16 panel of B is copied once into a
    // contiguous buffer (rows of B may be pages apart, which thrashes the TLB when read in
    // place) and stays in cache while the thread's rows of A stream past it.
    std::vector<float> panel(k * kTileCols);
    for (size_t j0 = 0; j0 < n; j0 += kTileCols) {
      cancel.ThrowIfCancelled();
      const size_t cols = std::min(kTileCols, n - j0);
      for (size_t p = 0; p < k; ++p) std::copy(b + p * ldb + j0, b + p * ldb + j0 + cols, panel.data() + p * kTileCols);
      for (size_t t = first; t < last; ++t) {
        const size_t i0 = t * kTileRows, rows = std::min(kTileRows, m - i0);
#if defined(__x86_64__)
        if (HasAvx2Fma()) {
          TileDispatchAvx2<kTransposeA>(i0, rows, 0, cols, k, a, lda, panel.data(), kTileCols, c + j0, ldc);
          continue;
        }
#endif
        TilePortable<kTransposeA>(i0, rows, 0, cols, k, a, lda, panel.data(), kTileCols, c + j0, ldc);
      }
    }
  });
}

}  // namespace

void GemmF32(bool transpose_a, size_t m, size_t n, size_t k, const float* a, size_t lda, const float* b, size_t ldb,
             float* c, size_t ldc, int threads, const CancelFlag& cancel) {
  if (transpose_a) {
    Gemm<true>(m, n, k, a, lda, b, ldb, c, ldc, threads, cancel);
  } else {
    Gemm<false>(m, n, k, a, lda, b, ldb, c, ldc, threads, cancel);
  }
}

}  // namespace edgepress
