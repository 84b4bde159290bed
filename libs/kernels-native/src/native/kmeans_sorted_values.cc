#include "kmeans_sorted_values.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace edgepress {
namespace {

// Maps a float to a uint32 that orders like the float (negative values reversed).
inline uint32_t OrderKey(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return (bits & 0x80000000u) ? ~bits : (bits | 0x80000000u);
}

inline float KeyValue(uint32_t key) {
  const uint32_t bits = (key & 0x80000000u) ? (key & 0x7fffffffu) : ~key;
  float value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

// Least-significant-digit radix sort, three passes of 11 bits.
std::vector<float> RadixSorted(const float* data, size_t n, const CancelFlag& cancel) {
  std::vector<uint32_t> keys(n), scratch(n);
  for (size_t i = 0; i < n; ++i) keys[i] = OrderKey(data[i]);
  for (int pass = 0; pass < 3; ++pass) {
    cancel.ThrowIfCancelled();
    const int shift = pass * 11;
    std::vector<size_t> offsets(2049, 0);
    for (size_t i = 0; i < n; ++i) ++offsets[((keys[i] >> shift) & 2047u) + 1];
    for (size_t b = 1; b <= 2048; ++b) offsets[b] += offsets[b - 1];
    for (size_t i = 0; i < n; ++i) scratch[offsets[(keys[i] >> shift) & 2047u]++] = keys[i];
    keys.swap(scratch);
  }
  std::vector<uint32_t>().swap(scratch);  // peak memory: two arrays of n words, not three
  std::vector<float> sorted(n);
  for (size_t i = 0; i < n; ++i) sorted[i] = KeyValue(keys[i]);
  return sorted;
}

// Neumaier compensated running sum.
struct CompensatedSum {
  double sum = 0.0, carry = 0.0;
  void Add(double x) {
    const double t = sum + x;
    carry += std::abs(sum) >= std::abs(x) ? (sum - t) + x : (x - t) + sum;
    sum = t;
  }
  double Value() const { return sum + carry; }
};

}  // namespace

SortedValues::SortedValues(const float* data, size_t n, const CancelFlag& cancel) : values_(RadixSorted(data, n, cancel)) {
  CompensatedSum mean;
  for (float v : values_) mean.Add(v);
  shift_ = n == 0 ? 0.0 : mean.Value() / static_cast<double>(n);
  block_sum_.assign(n / kBlock + 1, 0.0);
  block_squares_.assign(n / kBlock + 1, 0.0);
  CompensatedSum sum, squares;
  for (size_t i = 0; i < n; ++i) {
    if (i % kBlock == 0) {
      block_sum_[i / kBlock] = sum.Value();
      block_squares_[i / kBlock] = squares.Value();
    }
    const double y = static_cast<double>(values_[i]) - shift_;
    sum.Add(y);
    squares.Add(y * y);
  }
  if (n % kBlock == 0) {
    block_sum_[n / kBlock] = sum.Value();
    block_squares_[n / kBlock] = squares.Value();
  }
}

size_t SortedValues::UpperBound(double bound) const {
  return static_cast<size_t>(std::upper_bound(values_.begin(), values_.end(), bound,
                                              [](double b, float v) { return b < static_cast<double>(v); }) -
                             values_.begin());
}

SortedValues::Moments SortedValues::Prefix(size_t i) const {
  const size_t block = i / kBlock;
  double sum = block_sum_[block], squares = block_squares_[block];
  for (size_t j = block * kBlock; j < i; ++j) {
    const double y = static_cast<double>(values_[j]) - shift_;
    sum += y;
    squares += y * y;
  }
  return {static_cast<double>(i), sum, squares};
}

SortedValues::Moments SortedValues::Range(size_t begin, size_t end) const {
  const Moments a = Prefix(begin), b = Prefix(end);
  return {b.count - a.count, b.sum - a.sum, b.squares - a.squares};
}

double SortedValues::SquaredError(size_t begin, size_t end, double center) const {
  if (end <= begin) return 0.0;
  const Moments m = Range(begin, end);
  const double d = center - shift_;
  return std::max(0.0, m.squares - 2.0 * d * m.sum + m.count * d * d);
}

}  // namespace edgepress
