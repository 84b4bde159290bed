// 1-D k-means for weight clustering (Deep Compression style palettes): k-means++ seeding and
// Lloyd iterations on the sorted values, then one index (u8) per weight.
//
// In one dimension every cluster of a Lloyd step is a contiguous run of the sorted values,
// bounded by the midpoints between neighbouring centres, so a step costs k binary searches plus
// k range sums (kmeans_sorted_values.h) instead of a pass over the data; k-means++ draws its
// D^2-weighted samples from the same range sums. Only sorting and the final assignment touch
// every weight. Ties at a midpoint go to the lower centre.
//
// Determinism: the seed drives one SeededRandom on one thread; the final assignment is per
// element and the error is summed per fixed block in block order, so results are identical for
// any thread count.
#include <napi.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "async_task.h"
#include "kmeans_sorted_values.h"
#include "parallel.h"
#include "registry.h"
#include "seeded_random.h"
#include "typed_array_args.h"

namespace edgepress {
namespace {

struct KMeansResult {
  std::vector<float> codebook;
  double mse = 0.0;
  int iterations = 0;
};

// Region boundaries of sorted centres: cluster j holds indices [bounds[j], bounds[j + 1]).
std::vector<size_t> Regions(const SortedValues& values, const std::vector<double>& centers) {
  std::vector<size_t> bounds{0};
  for (size_t j = 0; j + 1 < centers.size(); ++j) bounds.push_back(values.UpperBound(0.5 * (centers[j] + centers[j + 1])));
  bounds.push_back(values.size());
  return bounds;
}

size_t DistinctValues(const SortedValues& values) {
  size_t distinct = values.size() == 0 ? 0 : 1;
  for (size_t i = 1; i < values.size(); ++i) distinct += values[i] != values[i - 1];
  return distinct;
}

// k-means++: the first centre uniformly, each next one with probability proportional to the
// squared distance to the nearest centre chosen so far.
std::vector<double> SeedCenters(const SortedValues& values, size_t k, SeededRandom& random, const CancelFlag& cancel) {
  const size_t n = values.size();
  const size_t target = std::min(k, DistinctValues(values));
  std::vector<double> centers{static_cast<double>(values[std::min(n - 1, static_cast<size_t>(random.NextUniform() * n))])};
  while (centers.size() < target) {
    cancel.ThrowIfCancelled();
    const std::vector<size_t> bounds = Regions(values, centers);
    std::vector<double> cost(centers.size());
    double total = 0.0;
    for (size_t j = 0; j < centers.size(); ++j) total += cost[j] = values.SquaredError(bounds[j], bounds[j + 1], centers[j]);
    double pick = random.NextUniform() * total;
    size_t j = 0;
    while (j + 1 < centers.size() && (pick >= cost[j] || cost[j] == 0.0)) pick -= cost[j++];
    // Smallest index t in region j whose running squared distance from the region start exceeds `pick`.
    size_t lo = bounds[j], hi = bounds[j + 1];
    while (lo + 1 < hi) {
      const size_t mid = lo + (hi - lo) / 2;
      if (values.SquaredError(bounds[j], mid, centers[j]) > pick) hi = mid; else lo = mid;
    }
    double chosen = values[lo];
    if (std::find(centers.begin(), centers.end(), chosen) != centers.end()) {
      // Rounding picked a point that is already a centre: take the farthest point of the region.
      const double first = values[bounds[j]], last = values[bounds[j + 1] - 1];
      chosen = std::abs(first - centers[j]) >= std::abs(last - centers[j]) ? first : last;
      if (chosen == centers[j]) break;  // cannot happen while distinct values remain; guards the loop
    }
    centers.insert(std::upper_bound(centers.begin(), centers.end(), chosen), chosen);
  }
  return centers;
}

double TotalError(const SortedValues& values, const std::vector<double>& centers, const std::vector<size_t>& bounds) {
  double total = 0.0;
  for (size_t j = 0; j < centers.size(); ++j) total += values.SquaredError(bounds[j], bounds[j + 1], centers[j]);
  return total;
}

KMeansResult Cluster(const float* data, uint8_t* indices, size_t n, size_t k, uint64_t seed, int max_iterations,
                     double tolerance, int threads, const CancelFlag& cancel) {
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(data[i])) throw KernelArgumentError("weights[" + std::to_string(i) + "] is not finite");
  }
  const SortedValues values(data, n, cancel);
  SeededRandom random(seed);
  std::vector<double> centers = SeedCenters(values, k, random, cancel);
  std::vector<size_t> bounds = Regions(values, centers);
  double error = TotalError(values, centers, bounds);
  KMeansResult result;
  while (result.iterations < max_iterations) {
    cancel.ThrowIfCancelled();
    std::vector<double> next(centers);
    for (size_t j = 0; j < centers.size(); ++j) {
      if (bounds[j + 1] == bounds[j]) continue;  // an empty cluster keeps its centre
      const SortedValues::Moments m = values.Range(bounds[j], bounds[j + 1]);
      next[j] = values.shift() + m.sum / m.count;
    }
    ++result.iterations;
    if (next == centers) break;
    std::vector<size_t> next_bounds = Regions(values, next);
    const double next_error = TotalError(values, next, next_bounds);
    centers.swap(next);
    bounds.swap(next_bounds);
    const bool converged = error - next_error <= tolerance * error;
    error = next_error;
    if (converged) break;
  }
  // Drop clusters that ended up empty; the rest become the codebook, in ascending order.
  std::vector<double> kept;
  for (size_t j = 0; j < centers.size(); ++j) {
    if (bounds[j + 1] > bounds[j]) kept.push_back(centers[j]);
  }
  std::vector<double> midpoints;
  for (size_t j = 0; j + 1 < kept.size(); ++j) midpoints.push_back(0.5 * (kept[j] + kept[j + 1]));
  for (double c : kept) result.codebook.push_back(static_cast<float>(c));
  constexpr size_t kBlock = size_t{1} << 16;
  const size_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<double> block_error(blocks, 0.0);
  ParallelFor(threads, blocks, [&](size_t first, size_t last) {
    for (size_t b = first; b < last; ++b) {
      cancel.ThrowIfCancelled();
      double sum = 0.0;
      for (size_t i = b * kBlock; i < std::min(n, (b + 1) * kBlock); ++i) {
        const double x = data[i];
        const size_t index = static_cast<size_t>(
            std::lower_bound(midpoints.begin(), midpoints.end(), x, [](double mid, double v) { return mid < v; }) -
            midpoints.begin());
        indices[i] = static_cast<uint8_t>(index);
        const double d = x - static_cast<double>(result.codebook[index]);
        sum += d * d;
      }
      block_error[b] = sum;
    }
  });
  double total = 0.0;
  for (double e : block_error) total += e;
  result.mse = n == 0 ? 0.0 : total / static_cast<double>(n);
  return result;
}

Napi::Value KMeans1d(const Napi::CallbackInfo& info) {
  // (data: Float32Array, indices: Uint8Array (same length), k, seed, maxIterations, tolerance, threads, cancel)
  const ArraySpan<float> data = TypedArrayArg<float>(info, 0);
  const ArraySpan<uint8_t> indices = TypedArrayArg<uint8_t>(info, 1);
  const size_t k = SizeArg(info, 2);
  const uint64_t seed = static_cast<uint64_t>(SizeArg(info, 3));
  const int max_iterations = static_cast<int>(SizeArg(info, 4));
  const double tolerance = NumberArg(info, 5);
  const int threads = ThreadsArg(info, 6);
  if (indices.size != data.size || data.size == 0 || k < 1 || k > 256) {
    throw Napi::RangeError::New(info.Env(), "kmeans1d: inconsistent arguments");
  }
  auto result = std::make_shared<KMeansResult>();
  AsyncTask* task = AsyncTask::Create(info.Env(), info[7], {info[0], info[1]});
  return task->Run(
      [=](const CancelFlag& cancel) {
        *result = Cluster(data.data, indices.data, data.size, k, seed, max_iterations, tolerance, threads, cancel);
      },
      [=](Napi::Env env) -> Napi::Value {
        Napi::Object out = Napi::Object::New(env);
        out.Set("codebook", ToFloat32Array(env, std::move(result->codebook)));
        out.Set("mse", Napi::Number::New(env, result->mse));
        out.Set("iterations", Napi::Number::New(env, result->iterations));
        return out;
      });
}

void InitKMeans(Napi::Env env, Napi::Object exports) {
  exports.Set("kmeans1d", Napi::Function::New(env, KMeans1d, "kmeans1d"));
}

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitKMeans);

}  // namespace edgepress
