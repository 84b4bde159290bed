#pragma once
// What happens to each int32 tile of A x B: the zero-point corrections
//   y = sum_k (A - a_zp)(B - b_zp[n]) = acc - a_zp * colsum_B[n] - b_zp[n] * rowsum_A[m] + K a_zp b_zp[n]
// (exact in wrapping int32 arithmetic, like MatMulInteger), then one of three outputs:
//   int32 (MatMulInteger), float(y) * multiplier[n] (+ bias[n]) (MatMulIntegerToFloat,
//   DynamicQuantizeMatMul), or saturate(round_half_even(float(y) * multiplier[n]) + y_zp)
//   (QLinearMatMul).
#include <cstddef>
#include <cstdint>

namespace edgepress {

enum class GemmOutput { kInt32 = 0, kFloat = 1, kRequantized = 2 };

struct GemmEpilogue {
  GemmOutput output = GemmOutput::kInt32;
  size_t n = 0;                       // columns of the output (its row stride)
  const int32_t* col_offset = nullptr;  // [n]: K a_zp b_zp[n] - a_zp colsum[n]
  const int32_t* b_zero_point = nullptr;  // [n], or null when every b_zp is 0
  const int32_t* row_sum = nullptr;       // [m] sums of A rows, needed when b_zero_point is set
  const float* multiplier = nullptr;      // [n] (float and requantized outputs)
  const float* bias = nullptr;            // [n] or null (float output)
  int32_t y_zero_point = 0, qmin = 0, qmax = 0;  // requantized output
  void* out = nullptr;
  // Write whole output lines with non-temporal stores (only where CanStream(); call Finish()
  // on every thread that wrote before the output is read).
  bool stream_out = false;

  // True when this CPU and the output's alignment and row length allow stream_out.
  bool CanStream() const;
  void Finish() const;

  // Finishes output rows [row, row + rows) x columns [col, col + cols) from raw accumulators
  // acc[r * acc_stride + c].
  void Tile(size_t row, size_t rows, size_t col, size_t cols, const int32_t* acc, size_t acc_stride) const;
};

}  // namespace edgepress
