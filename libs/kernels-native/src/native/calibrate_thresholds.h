#pragma once
// Clipping ranges chosen from a CalibrationHistogram (TensorRT / ONNX Runtime style methods):
//   min-max     the observed range;
//   percentile  drop (100 - p)% of the values: from the |x| tail when symmetric, half from each
//               end of the signed histogram otherwise; edges rounded outward to bin edges;
//   entropy     TensorRT's KL-divergence search: for each candidate i (bins kept), P = the first
//               i bins with the clipped tail added to bin i - 1, Q = the same bins merged into
//               `levels` groups and spread back evenly over their non-empty bins; the threshold
//               is the edge of the candidate with the least KL(P || Q) (the last one on ties).
//               Symmetric: |x| with 2^(bits - 1) levels. Asymmetric: each side on its own, with
//               2^(bits - 1) levels, or 2^bits when the other side is empty;
//   mse         the threshold(s) minimising the expected squared quantization error, bin centres
//               standing for their bins: symmetric over t (scale t / (2^(bits-1) - 1)),
//               asymmetric by two rounds of coordinate descent over (lo, hi) with 2^bits - 1
//               steps and a rounded zero point (computeQuantParams' rules).
// Searches run on the histogram trimmed to its last non-empty bin and merged down to at most
// kSearchBins bins per side, which bounds their cost (entropy and mse are quadratic in bins).
// Results are clamped to the observed range [min, max] (0 is added later, by computeQuantParams).
#include <cstddef>

#include "calibrate_histogram.h"

namespace edgepress {

constexpr size_t kSearchBins = 2048;

enum class CalibrationMethod { kMinMax = 0, kPercentile = 1, kEntropy = 2, kMse = 3 };

struct RangeRequest {
  CalibrationMethod method = CalibrationMethod::kMinMax;
  bool symmetric = false;
  double percentile = 99.99;  // in [50, 100]
  int bits = 8;               // 2 .. 8
};

struct ClipRange {
  double min = 0, max = 0;
};

ClipRange ChooseRange(const CalibrationHistogram& histogram, const RangeRequest& request);

}  // namespace edgepress
