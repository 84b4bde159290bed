// AVX-512 VNNI int8 GEMM kernel (Ice Lake, Zen 4 and later): VPDPBUSD multiplies 4 unsigned
// bytes of A by 4 signed bytes of B and adds the four products to an int32 lane with no
// intermediate saturation, so it is exact (VPMADDUBSW is not: its int16 pair sums saturate).
// A packed B k-group (64 bytes, column c's 4 k-values at bytes 4c .. 4c+3) is one zmm whose
// lane c is column c, so B loads straight from the packed layout, and A's 4 bytes at the same k
// are broadcast to every lane. A is unsigned here: the driver shifts signed A by 128 for this
// kernel and corrects the zero point (gemm_int8.cc).
//
// Block: 8 rows x 3 panels (48 columns) in 24 of the 32 zmm registers, 3 B vectors and one
// broadcast A: per k-group 11 loads feed 24 VPDPBUSD. The panels of a block are walked over the
// whole K once per 8 rows, so a block's B (48 KiB at K = 1024) is read from L1/L2 by every
// 8-row step of the caller's row range. Rows are padded to 16 and row ranges start at multiples
// of 8, so a short row remainder is computed as 1, 2, 4 or 8 rows of the zero-padded A.
// Measured on Zen 5: 1.1 TOPS on one core (two VPDPBUSD a cycle) for 256 x 1024 x 1024 in 32-row
// bands; 8 x 2 and 4 x 4 blocks run as fast, 12 x 2 a third slower.
#include "gemm_int8_kernel.h"

#include <algorithm>
#include <stdexcept>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace edgepress {

#if defined(__x86_64__)

namespace {

#define EDGEPRESS_VNNI __attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni")))

constexpr int kBlockRows = 8;
constexpr int kBlockPanels = 3;
constexpr size_t kTileStride = kBlockPanels * kPanelWidth;

// tile[r * kTileStride + 16 p + c] = sum over kp of A row r x B column c of panel p. The
// accumulators are a flat array in fully unrolled loops: GCC 12 kept a [R][P] array (or one in
// partly unrolled loops) on the stack, storing it on every k-group.
template <int R, int P>
EDGEPRESS_VNNI void Block(const uint8_t* a, size_t kp, const uint8_t* b, size_t panel_bytes, int32_t* tile) {
  __m512i acc[R * P];
#pragma GCC unroll 24
  for (int i = 0; i < R * P; ++i) acc[i] = _mm512_setzero_si512();
  const size_t groups = kp / 4;
  for (size_t g = 0; g < groups; ++g) {
    __m512i bv[P];
#pragma GCC unroll 4
    for (int p = 0; p < P; ++p) bv[p] = _mm512_loadu_si512(b + p * panel_bytes + g * 64);
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) {
      int32_t quad;
      __builtin_memcpy(&quad, a + r * kp + g * 4, sizeof(quad));
      const __m512i av = _mm512_set1_epi32(quad);
#pragma GCC unroll 4
      for (int p = 0; p < P; ++p) acc[r * P + p] = _mm512_dpbusd_epi32(acc[r * P + p], av, bv[p]);
    }
  }
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r) {
#pragma GCC unroll 4
    for (int p = 0; p < P; ++p) _mm512_store_si512(tile + r * kTileStride + p * kPanelWidth, acc[r * P + p]);
  }
}

using BlockFn = void (*)(const uint8_t*, size_t, const uint8_t*, size_t, int32_t*);

template <int P>
BlockFn BlockFor(size_t rows) {
  if (rows > 4) return Block<8, P>;
  if (rows > 2) return Block<4, P>;
  if (rows > 1) return Block<2, P>;
  return Block<1, P>;
}

BlockFn BlockFor(size_t rows, size_t panels) {
  if (panels >= 3) return BlockFor<3>(rows);
  if (panels == 2) return BlockFor<2>(rows);
  return BlockFor<1>(rows);
}

}  // namespace

void GemmInt8Avx512Vnni(const GemmInt8Operands& op, size_t row_begin, size_t row_end, size_t panel_begin, size_t panel_end,
                        const GemmEpilogue& epilogue, const CancelFlag& cancel) {
  alignas(64) int32_t tile[kBlockRows * kTileStride];
  const size_t kp = op.b.kp, panel_bytes = op.b.panel_bytes(), last_row = std::min(row_end, op.m);
  for (size_t p = panel_begin, panels = 0; p < panel_end; p += panels) {
    cancel.ThrowIfCancelled();
    // Four panels left go as two blocks of 2 rather than 3 + 1: a 1-panel block is load-bound.
    panels = panel_end - p == 4 ? 2 : std::min<size_t>(kBlockPanels, panel_end - p);
    const size_t col = p * kPanelWidth, cols = std::min(op.b.n - col, panels * kPanelWidth);
    const uint8_t* b = op.b_packed + p * panel_bytes;
    for (size_t r = row_begin; r < last_row; r += kBlockRows) {
      const size_t rows = std::min<size_t>(kBlockRows, last_row - r);
      BlockFor(rows, panels)(op.a8 + r * kp, kp, b, panel_bytes, tile);
      epilogue.Tile(r, rows, col, cols, tile, kTileStride);
    }
  }
}

#else

void GemmInt8Avx512Vnni(const GemmInt8Operands&, size_t, size_t, size_t, size_t, const GemmEpilogue&, const CancelFlag&) {
  throw std::runtime_error("the AVX-512 VNNI int8 kernel is not built for this CPU");
}

#endif

}  // namespace edgepress
