#pragma once
// Streaming histogram of activations with a fixed memory budget, however many batches arrive.
//
// Two sides, each `bins` counters: values >= 0 (and -0) count in the positive side, values < 0
// by magnitude in the negative side. A side's bin width is always a power of two, 2^e, chosen as
// the smallest with max|x| < bins * 2^e. When a batch exceeds the range, the side is re-binned
// by merging groups of 2^d adjacent bins (d = the exponent increase), which is exact: no
// interpolation, no counts lost, and the counters never grow in number. Power-of-two widths also
// make both sides commensurate, so the |x| histogram and the signed histogram are exact sums of
// coarsened sides. Resolution: the data maximum always lies in the upper half of the bins, so at
// least bins / 2 bins cover the observed range.
//
// Memory: 2 * bins * 8 bytes of counters plus a few scalars (StateBytes()); an update borrows
// one more such pair per worker thread while it runs and frees it before returning.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "async_task.h"

namespace edgepress {

struct HistogramSide {
  std::vector<double> counts;  // counts[i]: magnitudes in [i * 2^exponent, (i + 1) * 2^exponent)
  int exponent = 0;
  bool seen = false;  // any value landed on this side

  double width() const;
  // The counts re-binned to a larger exponent (merging 2^(target - exponent) bins per bin).
  std::vector<double> CoarsenedTo(int target) const;
};

class CalibrationHistogram {
 public:
  explicit CalibrationHistogram(size_t bins);

  // Adds a batch. Throws KernelArgumentError for NaN or +-Inf (the range would be meaningless).
  void Update(const float* x, size_t n, int threads, const CancelFlag& cancel);

  size_t bins() const { return bins_; }
  double count() const { return count_; }
  float min() const { return min_; }
  float max() const { return max_; }
  const HistogramSide& positive() const { return positive_; }
  const HistogramSide& negative() const { return negative_; }
  size_t StateBytes() const;

 private:
  void Grow(HistogramSide& side, float magnitude);

  size_t bins_;
  HistogramSide positive_, negative_;
  double count_ = 0;
  float min_ = 0, max_ = 0;
};

// The smallest exponent e with magnitude < bins * 2^e (magnitude > 0).
int ExponentFor(float magnitude, size_t bins);

}  // namespace edgepress
