#pragma once
// The data of a 1-D k-means, sorted once, with prefix sums that answer "sum and sum of squares
// of the values in [a, b)" without keeping two doubles per element: exact (compensated)
// prefixes are stored every kBlock elements, and a query adds at most kBlock - 1 values to one.
// Values are shifted by their mean before squaring, which keeps the sums of squares of tight
// clusters from cancelling.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "async_task.h"

namespace edgepress {

class SortedValues {
 public:
  // Sorts a copy of `data` (finite values) by a radix sort on order-preserving keys.
  SortedValues(const float* data, size_t n, const CancelFlag& cancel);

  size_t size() const { return values_.size(); }
  float operator[](size_t i) const { return values_[i]; }
  const std::vector<float>& values() const { return values_; }
  double shift() const { return shift_; }

  // First index whose value is > `bound` (values <= bound come before it).
  size_t UpperBound(double bound) const;

  struct Moments {
    double count;
    double sum;      // of (x - shift)
    double squares;  // of (x - shift)^2
  };
  Moments Range(size_t begin, size_t end) const;

  // Sum over [begin, end) of (x - center)^2, clamped at 0 against rounding.
  double SquaredError(size_t begin, size_t end, double center) const;

 private:
  static constexpr size_t kBlock = 128;
  Moments Prefix(size_t i) const;

  std::vector<float> values_;
  std::vector<double> block_sum_;
  std::vector<double> block_squares_;
  double shift_ = 0.0;
};

}  // namespace edgepress
