// Portable int8 GEMM kernel (any CPU): 4 rows x one 16-column panel at a time over the packed
// layout; plain loops that compilers vectorise where they can.
#include <cstring>

#include "gemm_int8_kernel.h"

namespace edgepress {

namespace {

template <typename AType>
void PanelRows(const GemmInt8Operands& op, size_t row, size_t rows, size_t panel, const GemmEpilogue& epilogue) {
  int32_t acc[4][kPanelWidth];
  std::memset(acc, 0, sizeof(acc));
  const uint8_t* b = op.b_packed + panel * op.b.panel_bytes();
  const size_t groups = op.b.kp / 4;
  for (size_t g = 0; g < groups; ++g) {
    const int8_t* bg = reinterpret_cast<const int8_t*>(b + g * 64);
    for (size_t r = 0; r < rows; ++r) {
      const AType* a = reinterpret_cast<const AType*>(op.a8 + (row + r) * op.b.kp + g * 4);
      const int32_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
      for (size_t c = 0; c < kPanelWidth; ++c) {
        acc[r][c] += a0 * bg[4 * c] + a1 * bg[4 * c + 1] + a2 * bg[4 * c + 2] + a3 * bg[4 * c + 3];
      }
    }
  }
  const size_t col = panel * kPanelWidth;
  const size_t cols = op.b.n - col < kPanelWidth ? op.b.n - col : kPanelWidth;
  epilogue.Tile(row, op.m - row < rows ? op.m - row : rows, col, cols, acc[0], kPanelWidth);
}

}  // namespace

void GemmInt8Portable(const GemmInt8Operands& op, size_t row_begin, size_t row_end, size_t panel_begin, size_t panel_end,
                      const GemmEpilogue& epilogue, const CancelFlag& cancel) {
  for (size_t p = panel_begin; p < panel_end; ++p) {
    cancel.ThrowIfCancelled();
    for (size_t r = row_begin; r < row_end && r < op.m; r += 4) {
      size_t rows = row_end - r < 4 ? row_end - r : 4;
      if (op.a_signed) {
        PanelRows<int8_t>(op, r, rows, p, epilogue);
      } else {
        PanelRows<uint8_t>(op, r, rows, p, epilogue);
      }
    }
  }
}

}  // namespace edgepress
