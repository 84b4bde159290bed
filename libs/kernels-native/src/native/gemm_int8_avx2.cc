// AVX2 int8 GEMM kernel, exact in int32: the packed 4-k groups of B are sign-extended to int16
// (VPMOVSXBW) and multiplied with int16 A by VPMADDWD, whose pair sums cannot overflow
// (2 x 255 x 128 < 2^31). VPMADDUBSW would be twice as dense but saturates u8 x s8 pair sums at
// int16, so it is not used. Block: 4 rows x 8 columns (half a panel), accumulators hold two
// partial sums per column that are folded once per tile.
#include "gemm_int8_kernel.h"

#include "cpu_features.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace edgepress {

#if defined(__x86_64__)

namespace {

#define EDGEPRESS_AVX2 __attribute__((target("avx2,fma")))

// Folds two accumulators (4 columns each, 2 partial lanes per column) into 8 column sums.
EDGEPRESS_AVX2 inline __m256i Fold(__m256i cols0to3, __m256i cols4to7) {
  return _mm256_permute4x64_epi64(_mm256_hadd_epi32(cols0to3, cols4to7), 0xD8);
}

EDGEPRESS_AVX2 void HalfPanel4Rows(const int16_t* a, size_t kp, const uint8_t* b_half, int32_t* out /*[4][16]*/) {
  __m256i acc[4][2];
  for (int r = 0; r < 4; ++r) acc[r][0] = acc[r][1] = _mm256_setzero_si256();
  const size_t groups = kp / 4;
  for (size_t g = 0; g < groups; ++g) {
    const uint8_t* bg = b_half + g * 64;
    __m256i b0 = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bg)));
    __m256i b1 = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bg + 16)));
    for (int r = 0; r < 4; ++r) {
      long long pair;
      __builtin_memcpy(&pair, a + r * kp + g * 4, sizeof(pair));
      __m256i av = _mm256_set1_epi64x(pair);
      acc[r][0] = _mm256_add_epi32(acc[r][0], _mm256_madd_epi16(b0, av));
      acc[r][1] = _mm256_add_epi32(acc[r][1], _mm256_madd_epi16(b1, av));
    }
  }
  for (int r = 0; r < 4; ++r) _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + r * 16), Fold(acc[r][0], acc[r][1]));
}

}  // namespace

void GemmInt8Avx2(const GemmInt8Operands& op, size_t row_begin, size_t row_end, size_t panel_begin, size_t panel_end,
                  const GemmEpilogue& epilogue, const CancelFlag& cancel) {
  alignas(32) int32_t tile[4 * 16];
  for (size_t p = panel_begin; p < panel_end; ++p) {
    cancel.ThrowIfCancelled();
    const uint8_t* panel = op.b_packed + p * op.b.panel_bytes();
    const size_t col = p * kPanelWidth;
    const size_t cols = op.b.n - col < kPanelWidth ? op.b.n - col : kPanelWidth;
    // A is padded to a multiple of 16 rows, so 4-row blocks never read past it.
    for (size_t r = row_begin; r < row_end && r < op.m; r += 4) {
      const int16_t* a = op.a16 + r * op.b.kp;
      HalfPanel4Rows(a, op.b.kp, panel, tile);
      if (cols > 8) HalfPanel4Rows(a, op.b.kp, panel + 32, tile + 8);
      epilogue.Tile(r, op.m - r < 4 ? op.m - r : 4, col, cols, tile, 16);
    }
  }
}

#else

void GemmInt8Avx2(const GemmInt8Operands&, size_t, size_t, size_t, size_t, const GemmEpilogue&, const CancelFlag&) {
  throw std::runtime_error("the AVX2 int8 kernel is not built for this CPU");
}

#endif

}  // namespace edgepress
