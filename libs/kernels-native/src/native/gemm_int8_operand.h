#pragma once
// Preparation of the A operand for the int8 kernels: a zero-padded copy (rows to a multiple of
// 16, K to a multiple of 64, 64-byte aligned) that the kernels can read in whole tiles, the row
// sums that b zero points need, and (for the AVX2 kernel) the int16 widening.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>

#include "gemm_int8_layout.h"

namespace edgepress {

constexpr size_t kRowPad = 16;

template <typename T>
class AlignedBuffer {
 public:
  AlignedBuffer() = default;
  explicit AlignedBuffer(size_t count) : count_(count) {
    size_t bytes = RoundUp(count * sizeof(T) + 1, 64);
    data_.reset(static_cast<T*>(std::aligned_alloc(64, bytes)));
    if (!data_) throw std::bad_alloc();
  }
  T* data() const { return data_.get(); }
  size_t size() const { return count_; }

 private:
  struct Free {
    void operator()(T* p) const { std::free(p); }
  };
  std::unique_ptr<T, Free> data_;
  size_t count_ = 0;
};

struct PreparedA {
  AlignedBuffer<uint8_t> a8;    // [rows_padded][kp]
  AlignedBuffer<int16_t> a16;   // same geometry, AVX2 kernel only
  AlignedBuffer<int32_t> row_sum;  // [m], when b zero points are non-zero
  size_t rows_padded = 0;
};

}  // namespace edgepress
