#pragma once
// MatMulNBits (com.microsoft, 4 bits): Y[M, N] = A[M, K] x dequant(B)^T (+ bias), where B is
// stored per output column n in blocks of `block` along K:
//   data        [N][blocks][block / 2] bytes, value k of a block in byte k / 2, even k low nibble
//   scales      [N][blocks] float
//   zero points [N][ceil(blocks / 2)] bytes of packed uint4 (block j in byte j / 2), or 8 when absent
//   dequant(B)[n][k] = (q - zp[n][k / block]) * scale[n][k / block]; K pads the last block.
// Two kernels: for a few rows (M <= kFusedRows) each 4-bit block is decoded in registers and
// multiplied at once (memory-bound GEMV; on AVX-512 with blocks of a multiple of 32, through a
// 16-entry table of the block's dequantized values, see SplitEvenOdd); otherwise 16 columns at a time are dequantized into
// an fp32 panel [K][16] and every row of A multiplies it (AVX-512 12x16 or AVX2 6x16 register
// blocks, or portable loops).
#include <cstddef>
#include <cstdint>

#include "async_task.h"

namespace edgepress {

struct Int4Weights {
  size_t k = 0, n = 0, block = 0, blocks = 0;
  const uint8_t* data = nullptr;
  const float* scales = nullptr;
  const uint8_t* zero_points = nullptr;  // may be null (8)
};

enum class Int4Isa { kPortable, kAvx2, kAvx512 };

struct Int4Problem {
  const float* a = nullptr;  // [m][k]
  size_t m = 0;
  Int4Weights b;
  const float* bias = nullptr;  // [n] or null
  float* y = nullptr;           // [m][n]
  Int4Isa isa = Int4Isa::kPortable;
  // For the AVX-512 GEMV (FusedWithTable): A's rows as SplitEvenOdd lays them out, or null.
  const float* a_even_odd = nullptr;
};

constexpr size_t kInt4PanelWidth = 16;  // columns decoded together; the AVX2 and portable panels
constexpr size_t kFusedRows = 4;

bool HasAvx512();

// Columns of a panel: 32 for AVX-512 (12 x 32 register blocks: 24 FMAs per 2 panel loads and 12
// broadcasts), else kInt4PanelWidth.
size_t Int4PanelWidth(Int4Isa isa);

// Dequantizes columns [col, col + cols) (cols <= Int4PanelWidth(isa)) into panel[k * width + c];
// columns past `cols` are 0.
void DequantizeInt4Panel(const Int4Weights& b, Int4Isa isa, size_t col, size_t cols, float* panel);

// Y rows [0, m) x columns [col, col + cols) from the panel.
void MultiplyInt4Panel(const Int4Problem& p, const float* panel, size_t col, size_t cols, const CancelFlag& cancel);

// Whether the AVX-512 GEMV applies: AVX-512, at most kFusedRows rows, blocks of a multiple of 32.
bool UsesEvenOddGemv(const Int4Problem& p);
// Floats SplitEvenOdd writes: m rows of blocks * block.
size_t EvenOddFloats(const Int4Problem& p);
// A's rows for the AVX-512 GEMV: every 32 values of K as the 16 at even k, then the 16 at odd k
// (the order in which the low and high nibbles of 16 bytes decode), zero past K.
void SplitEvenOdd(const Int4Problem& p, float* out);

// Y rows [0, m) (m <= kFusedRows) x columns [col, col + cols) straight from the 4-bit blocks.
void MultiplyInt4Fused(const Int4Problem& p, size_t col, size_t cols);

}  // namespace edgepress
