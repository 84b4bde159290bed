// Portable int8 GEMM kernel (any CPU, ARM included), in plain C++: each 16-column panel is
// widened once into int16 [kp][16], then 2 rows at a time accumulate over K with the 16 columns
// innermost and contiguous, which compilers vectorise with whatever SIMD the target has.
#include <cstring>
#include <vector>

#include "gemm_int8_kernel.h"

namespace edgepress {

namespace {

// Two rows x 16 columns of int32 sums fit the 16 registers of SSE2 (and leave room on NEON).
constexpr size_t kRows = 2;

template <typename AType>
void TwoRows(const GemmInt8Operands& op, size_t row, const int16_t* panel, int32_t (&acc)[kRows][kPanelWidth]) {
  // A local accumulator: the A bytes may alias anything, so sums kept in `acc` (a reference)
  // would be reloaded and stored around every read of A and not vectorised.
  int32_t sum[kRows][kPanelWidth] = {};
  const size_t kp = op.b.kp;
  const AType* a0 = reinterpret_cast<const AType*>(op.a8 + row * kp);
  for (size_t k = 0; k < kp; ++k) {
    const int16_t* b = panel + k * kPanelWidth;
    const int16_t av[kRows] = {a0[k], a0[kp + k]};
    for (size_t r = 0; r < kRows; ++r) {
      for (size_t c = 0; c < kPanelWidth; ++c) sum[r][c] += av[r] * b[c];  // int16 x int16: a widening multiply-add
    }
  }
  std::memcpy(acc, sum, sizeof(sum));
}

}  // namespace

void GemmInt8Portable(const GemmInt8Operands& op, size_t row_begin, size_t row_end, size_t panel_begin, size_t panel_end,
                      const GemmEpilogue& epilogue, const CancelFlag& cancel) {
  std::vector<int16_t> panel(op.b.kp * kPanelWidth);
  int32_t acc[kRows][kPanelWidth];
  for (size_t p = panel_begin; p < panel_end; ++p) {
    cancel.ThrowIfCancelled();
    const int8_t* packed = reinterpret_cast<const int8_t*>(op.b_packed + p * op.b.panel_bytes());
    for (size_t k = 0; k < op.b.kp; ++k) {
      for (size_t c = 0; c < kPanelWidth; ++c) panel[k * kPanelWidth + c] = packed[(k / 4) * 64 + c * 4 + k % 4];
    }
    const size_t col = p * kPanelWidth;
    const size_t cols = op.b.n - col < kPanelWidth ? op.b.n - col : kPanelWidth;
    // A is padded to a multiple of 16 rows, so 2-row blocks never read past it.
    for (size_t r = row_begin; r < row_end && r < op.m; r += kRows) {
      if (op.a_signed) {
        TwoRows<int8_t>(op, r, panel.data(), acc);
      } else {
        TwoRows<uint8_t>(op, r, panel.data(), acc);
      }
      epilogue.Tile(r, op.m - r < kRows ? op.m - r : kRows, col, cols, acc[0], kPanelWidth);
    }
  }
}

}  // namespace edgepress
