#include "calibrate_histogram.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <string>

#include "gemm_worker_pool.h"
#include "quantize_rows.h"

namespace edgepress {

namespace {

// Below this exponent a side holding only zeros keeps everything in bin 0.
constexpr int kSmallestExponent = -160;

}  // namespace

double HistogramSide::width() const { return std::ldexp(1.0, exponent); }

std::vector<double> HistogramSide::CoarsenedTo(int target) const {
  std::vector<double> out(counts.size(), 0.0);
  const int shift = target - exponent;
  for (size_t i = 0; i < counts.size(); ++i) {
    size_t j = shift >= 63 ? 0 : (i >> shift);
    out[j] += counts[i];
  }
  return out;
}

int ExponentFor(float magnitude, size_t bins) {
  int p = 0;
  std::frexp(static_cast<double>(magnitude) / static_cast<double>(bins), &p);  // magnitude / bins in [2^(p-1), 2^p)
  return p;
}

CalibrationHistogram::CalibrationHistogram(size_t bins) : bins_(bins) {
  positive_.counts.assign(bins, 0.0);
  negative_.counts.assign(bins, 0.0);
  positive_.exponent = negative_.exponent = kSmallestExponent;
}

size_t CalibrationHistogram::StateBytes() const {
  return sizeof(*this) + (positive_.counts.capacity() + negative_.counts.capacity()) * sizeof(double);
}

void CalibrationHistogram::Grow(HistogramSide& side, float magnitude) {
  if (magnitude > 0) {
    const int needed = ExponentFor(magnitude, bins_);
    if (needed > side.exponent) {
      side.counts = side.CoarsenedTo(needed);
      side.exponent = needed;
    }
  }
}

void CalibrationHistogram::Update(const float* x, size_t n, int threads, const CancelFlag& cancel) {
  if (n == 0) return;
  constexpr size_t kChunk = size_t{1} << 16;
  const size_t chunks = (n + kChunk - 1) / kChunk;
  const int useful = static_cast<int>(std::min<size_t>(static_cast<size_t>(threads), std::max<size_t>(1, n / (4 * kChunk))));

  // Pass 1: the batch range, to re-bin before counting.
  std::vector<float> lo(chunks), hi(chunks);
  std::vector<char> ok(chunks);
  RunOnWorkerPool(useful, chunks, [&](size_t c) {
    if (c % 16 == 0) cancel.ThrowIfCancelled();
    const size_t begin = c * kChunk, end = std::min(n, begin + kChunk);
    ok[c] = MinMaxRow(x + begin, end - begin, &lo[c], &hi[c]) && std::isfinite(lo[c]) && std::isfinite(hi[c]);
  });
  if (std::find(ok.begin(), ok.end(), 0) != ok.end()) {
    size_t i = 0;
    while (i < n && std::isfinite(x[i])) ++i;
    throw KernelArgumentError("Expected finite activations but batch[" + std::to_string(i) + "] is " + std::to_string(x[i]));
  }
  const float batch_min = *std::min_element(lo.begin(), lo.end());
  const float batch_max = *std::max_element(hi.begin(), hi.end());
  Grow(positive_, std::max(batch_max, 0.0f));
  Grow(negative_, std::max(-batch_min, 0.0f));

  // Pass 2: count into per-thread histograms (merged below), x * 2^-e is exact.
  const double pos_scale = std::ldexp(1.0, -positive_.exponent), neg_scale = std::ldexp(1.0, -negative_.exponent);
  const size_t last = bins_ - 1;
  std::atomic<size_t> next_slot{0};
  std::vector<double> merged_pos(bins_, 0.0), merged_neg(bins_, 0.0);
  std::mutex merge;
  RunOnWorkerPool(useful, static_cast<size_t>(useful), [&](size_t) {
    std::vector<double> pos(bins_, 0.0), neg(bins_, 0.0);
    for (size_t c; (c = next_slot.fetch_add(1)) < chunks;) {
      if (c % 16 == 0) cancel.ThrowIfCancelled();
      const size_t begin = c * kChunk, end = std::min(n, begin + kChunk);
      for (size_t i = begin; i < end; ++i) {
        const float v = x[i];
        if (v >= 0) {
          pos[std::min(last, static_cast<size_t>(v * pos_scale))] += 1;
        } else {
          neg[std::min(last, static_cast<size_t>(-static_cast<double>(v) * neg_scale))] += 1;
        }
      }
    }
    std::lock_guard<std::mutex> lock(merge);
    for (size_t b = 0; b < bins_; ++b) {
      merged_pos[b] += pos[b];
      merged_neg[b] += neg[b];
    }
  });
  for (size_t b = 0; b < bins_; ++b) {
    positive_.counts[b] += merged_pos[b];
    negative_.counts[b] += merged_neg[b];
  }
  positive_.seen = positive_.seen || batch_max >= 0;
  negative_.seen = negative_.seen || batch_min < 0;
  min_ = count_ == 0 ? batch_min : std::min(min_, batch_min);
  max_ = count_ == 0 ? batch_max : std::max(max_, batch_max);
  count_ += static_cast<double>(n);
}

}  // namespace edgepress
