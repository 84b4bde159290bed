#pragma once
// Preparation of the A operand for the int8 kernels: a zero-padded copy (rows to a multiple of
// 16, K to a multiple of 64, 64-byte aligned) that the kernels can read in whole tiles, the row
// sums that b zero points need, and (for the AVX2 kernel) the int16 widening. All three live in
// the calling thread's scratch memory (thread_scratch.h).
#include <cstddef>
#include <cstdint>

#include "gemm_int8_layout.h"
#include "thread_scratch.h"

namespace edgepress {

constexpr size_t kRowPad = 16;

class PreparedA {
 public:
  // A of m rows (rows_padded() of them allocated) by kp bytes; row sums and the int16 copy only
  // when asked for (null otherwise).
  PreparedA(size_t m, size_t kp, bool row_sum, bool a16)
      : rows_padded_(RoundUp(m, kRowPad)),
        a8_bytes_(RoundUp(rows_padded_ * kp, 64)),
        row_sum_bytes_(row_sum ? RoundUp(m * sizeof(int32_t), 64) : 0),
        memory_(a8_bytes_ + row_sum_bytes_ + (a16 ? rows_padded_ * kp * sizeof(int16_t) : 0)),
        a16_(a16) {}

  size_t rows_padded() const { return rows_padded_; }
  uint8_t* a8() const { return memory_.data(); }                                                                  // [rows_padded][kp]
  int32_t* row_sum() const { return row_sum_bytes_ ? reinterpret_cast<int32_t*>(memory_.data() + a8_bytes_) : nullptr; }  // [m]
  int16_t* a16() const { return a16_ ? reinterpret_cast<int16_t*>(memory_.data() + a8_bytes_ + row_sum_bytes_) : nullptr; }  // like a8

 private:
  size_t rows_padded_, a8_bytes_, row_sum_bytes_;
  ThreadScratch memory_;
  bool a16_;
};

}  // namespace edgepress
