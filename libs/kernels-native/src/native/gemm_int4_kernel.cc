#include "gemm_int4_kernel.h"

#include <algorithm>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace edgepress {

void DequantizeInt4Panel(const Int4Weights& b, size_t col, size_t cols, float* panel) {
  std::memset(panel, 0, b.k * kInt4PanelWidth * sizeof(float));
  const size_t blob = b.block / 2, zp_bytes = (b.blocks + 1) / 2;
  for (size_t c = 0; c < cols; ++c) {
    const size_t n = col + c;
    const uint8_t* column = b.data + n * b.blocks * blob;
    for (size_t j = 0; j < b.blocks; ++j) {
      const float scale = b.scales[n * b.blocks + j];
      int zp = 8;
      if (b.zero_points) zp = (b.zero_points[n * zp_bytes + j / 2] >> ((j % 2) * 4)) & 0x0F;
      // Integer values minus zero point, times the scale: exact products as ORT forms them.
      float lut[16];
      for (int q = 0; q < 16; ++q) lut[q] = static_cast<float>(q - zp) * scale;
      const size_t k0 = j * b.block, k1 = std::min(b.k, k0 + b.block);
      const uint8_t* bytes = column + j * blob;
      for (size_t k = k0; k < k1; ++k) {
        const size_t i = k - k0;
        panel[k * kInt4PanelWidth + c] = lut[(bytes[i / 2] >> ((i % 2) * 4)) & 0x0F];
      }
    }
  }
}

namespace {

void MultiplyPortable(const Int4Problem& p, const float* panel, size_t col, size_t cols, const CancelFlag& cancel) {
  const size_t k = p.b.k, n = p.b.n;
  for (size_t r = 0; r < p.m; ++r) {
    if (r % 64 == 0) cancel.ThrowIfCancelled();
    float acc[kInt4PanelWidth] = {0};
    const float* a = p.a + r * k;
    for (size_t i = 0; i < k; ++i) {
      const float av = a[i];
      const float* row = panel + i * kInt4PanelWidth;
      for (size_t c = 0; c < kInt4PanelWidth; ++c) acc[c] += av * row[c];
    }
    for (size_t c = 0; c < cols; ++c) p.y[r * n + col + c] = acc[c] + (p.bias ? p.bias[col + c] : 0.0f);
  }
}

#if defined(__x86_64__)

#define EDGEPRESS_AVX2 __attribute__((target("avx2,fma")))

template <int R>
EDGEPRESS_AVX2 void RowsAvx2(const Int4Problem& p, const float* panel, size_t row, size_t col, size_t cols) {
  const size_t k = p.b.k, n = p.b.n;
  __m256 acc[R][2];
  for (int r = 0; r < R; ++r) acc[r][0] = acc[r][1] = _mm256_setzero_ps();
  const float* a = p.a + row * k;
  for (size_t i = 0; i < k; ++i) {
    const __m256 b0 = _mm256_loadu_ps(panel + i * kInt4PanelWidth);
    const __m256 b1 = _mm256_loadu_ps(panel + i * kInt4PanelWidth + 8);
    for (int r = 0; r < R; ++r) {
      const __m256 av = _mm256_broadcast_ss(a + r * k + i);
      acc[r][0] = _mm256_fmadd_ps(av, b0, acc[r][0]);
      acc[r][1] = _mm256_fmadd_ps(av, b1, acc[r][1]);
    }
  }
  alignas(32) float out[kInt4PanelWidth];
  for (int r = 0; r < R; ++r) {
    _mm256_store_ps(out, acc[r][0]);
    _mm256_store_ps(out + 8, acc[r][1]);
    float* y = p.y + (row + r) * n + col;
    for (size_t c = 0; c < cols; ++c) y[c] = out[c] + (p.bias ? p.bias[col + c] : 0.0f);
  }
}

void MultiplyAvx2(const Int4Problem& p, const float* panel, size_t col, size_t cols, const CancelFlag& cancel) {
  size_t r = 0;
  for (; r + 6 <= p.m; r += 6) {
    if (r % 96 == 0) cancel.ThrowIfCancelled();
    RowsAvx2<6>(p, panel, r, col, cols);
  }
  switch (p.m - r) {
    case 5: RowsAvx2<5>(p, panel, r, col, cols); break;
    case 4: RowsAvx2<4>(p, panel, r, col, cols); break;
    case 3: RowsAvx2<3>(p, panel, r, col, cols); break;
    case 2: RowsAvx2<2>(p, panel, r, col, cols); break;
    case 1: RowsAvx2<1>(p, panel, r, col, cols); break;
    default: break;
  }
}

#endif

}  // namespace

void MultiplyInt4Panel(const Int4Problem& p, const float* panel, size_t col, size_t cols, const CancelFlag& cancel) {
#if defined(__x86_64__)
  if (p.use_avx2) return MultiplyAvx2(p, panel, col, cols, cancel);
#endif
  MultiplyPortable(p, panel, col, cols, cancel);
}

}  // namespace edgepress
