// Magnitude pruning: the exact threshold for a target sparsity over one or several tensors, by
// radix selection instead of a sort, and applying it as a mask.
//
// For a non-NaN float, the bits of |w| (sign cleared) order exactly like |w| as unsigned
// integers, so the k-th smallest magnitude is found with two counting passes: a histogram of
// the high 16 bits locates the bucket holding rank k, a histogram of the low 16 bits inside
// that bucket gives the exact value. Counts are integers, so results do not depend on threads.
//
// Definition (shared with src/magnitude-pruning.ts): with k = pruneCount elements to prune out
// of n, the threshold t is the (k+1)-th smallest |w| (+Infinity when k = n); `below` counts the
// elements with |w| < t (below <= k). Pruning removes every |w| < t and then the first
// k - below elements with |w| == t in tensor order, element order, so exactly k are pruned.
#include <napi.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <limits>
#include <mutex>
#include <string>
#include <vector>

#include "async_task.h"
#include "parallel.h"
#include "registry.h"
#include "sparse_blocks.h"
#include "typed_array_args.h"

namespace edgepress {
namespace {

constexpr size_t kBlock = size_t{1} << 16;
constexpr uint32_t kInfinityKey = 0x7f800000u;

inline uint32_t MagnitudeKey(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits & 0x7fffffffu;
}

inline float KeyToFloat(uint32_t key) {
  float value;
  std::memcpy(&value, &key, sizeof value);
  return value;
}

struct FirstNaN {
  size_t tensor = SIZE_MAX;
  size_t element = SIZE_MAX;
  void Offer(size_t t, size_t i) {
    if (t < tensor || (t == tensor && i < element)) {
      tensor = t;
      element = i;
    }
  }
};

// Counts keys into `bins` bins of (key >> shift) for keys whose (key >> filter_shift) equals
// filter (filter_shift 32 means no filter), merging per-thread histograms.
std::vector<uint64_t> Histogram(const std::vector<ArraySpan<float>>& tensors, const std::vector<ElementBlock>& blocks,
                                int threads, const CancelFlag& cancel, size_t bins, uint32_t shift, uint32_t mask,
                                uint32_t filter_shift, uint32_t filter, FirstNaN* nan) {
  std::vector<uint64_t> total(bins, 0);
  std::mutex merge;
  ParallelFor(threads, blocks.size(), [&](size_t first, size_t last) {
    std::vector<uint64_t> local(bins, 0);
    FirstNaN local_nan;
    for (size_t b = first; b < last; ++b) {
      cancel.ThrowIfCancelled();
      const ElementBlock& block = blocks[b];
      const float* data = tensors[block.tensor].data;
      for (size_t i = block.begin; i < block.end; ++i) {
        const uint32_t key = MagnitudeKey(data[i]);
        if (key > kInfinityKey) {
          local_nan.Offer(block.tensor, i);
          continue;
        }
        if (filter_shift < 32 && (key >> filter_shift) != filter) continue;
        ++local[(key >> shift) & mask];
      }
    }
    std::lock_guard<std::mutex> lock(merge);
    for (size_t i = 0; i < bins; ++i) total[i] += local[i];
    if (nan != nullptr) nan->Offer(local_nan.tensor, local_nan.element);
  });
  return total;
}

struct Selection {
  float threshold;
  uint64_t below;
};

Selection SelectThreshold(const std::vector<ArraySpan<float>>& tensors, uint64_t prune_count, int threads,
                          const CancelFlag& cancel) {
  std::vector<size_t> sizes;
  uint64_t n = 0;
  for (const auto& t : tensors) {
    sizes.push_back(t.size);
    n += t.size;
  }
  const std::vector<ElementBlock> blocks = SplitIntoBlocks(sizes, kBlock);
  FirstNaN nan;
  const std::vector<uint64_t> high = Histogram(tensors, blocks, threads, cancel, 1u << 15, 16, 0x7fffu, 32, 0, &nan);
  if (nan.tensor != SIZE_MAX) {
    throw KernelArgumentError("tensors[" + std::to_string(nan.tensor) + "] holds NaN at element " +
                              std::to_string(nan.element) + "; magnitudes of NaN have no order");
  }
  if (prune_count >= n) {
    // Every element is pruned; only infinities tie with the +Infinity threshold.
    return {std::numeric_limits<float>::infinity(), n - high[kInfinityKey >> 16]};
  }
  uint64_t before = 0;
  uint32_t bucket = 0;
  while (before + high[bucket] <= prune_count) before += high[bucket++];
  const std::vector<uint64_t> low = Histogram(tensors, blocks, threads, cancel, 1u << 16, 0, 0xffffu, 16, bucket, nullptr);
  uint32_t offset = 0;
  while (before + low[offset] <= prune_count) before += low[offset++];
  return {KeyToFloat((bucket << 16) | offset), before};
}

Napi::Value MagnitudeThreshold(const Napi::CallbackInfo& info) {
  // (tensors: Float32Array[], pruneCount, threads, cancel)
  const std::vector<ArraySpan<float>> tensors = TypedArrayListArg<float>(info, 0);
  const uint64_t prune_count = SizeArg(info, 1);
  const int threads = ThreadsArg(info, 2);
  auto result = std::make_shared<Selection>();
  AsyncTask* task = AsyncTask::Create(info.Env(), info[3], {info[0]});
  return task->Run(
      [=](const CancelFlag& cancel) { *result = SelectThreshold(tensors, prune_count, threads, cancel); },
      [=](Napi::Env env) -> Napi::Value {
        Napi::Object out = Napi::Object::New(env);
        out.Set("threshold", Napi::Number::New(env, result->threshold));
        out.Set("below", Napi::Number::New(env, static_cast<double>(result->below)));
        return out;
      });
}

// Writes pruned copies and 0/1 masks. `ties_to_prune` elements equal to the threshold are pruned
// in block order; each block's share is found from per-block tie counts, so any thread count
// prunes the same elements.
void ApplyMask(const std::vector<ArraySpan<float>>& tensors, const std::vector<ArraySpan<float>>& outputs,
               const std::vector<ArraySpan<uint8_t>>& masks, float threshold, uint64_t ties_to_prune, int threads,
               const CancelFlag& cancel) {
  std::vector<size_t> sizes;
  for (const auto& t : tensors) sizes.push_back(t.size);
  const std::vector<ElementBlock> blocks = SplitIntoBlocks(sizes, kBlock);
  const uint32_t threshold_key = MagnitudeKey(threshold);
  std::vector<uint64_t> tie_budget(blocks.size(), 0);
  if (ties_to_prune > 0) {
    ParallelFor(threads, blocks.size(), [&](size_t first, size_t last) {
      for (size_t b = first; b < last; ++b) {
        cancel.ThrowIfCancelled();
        const float* data = tensors[blocks[b].tensor].data;
        uint64_t ties = 0;
        for (size_t i = blocks[b].begin; i < blocks[b].end; ++i) ties += MagnitudeKey(data[i]) == threshold_key;
        tie_budget[b] = ties;
      }
    });
    uint64_t remaining = ties_to_prune;
    for (uint64_t& budget : tie_budget) {
      budget = std::min(budget, remaining);
      remaining -= budget;
    }
  }
  ParallelFor(threads, blocks.size(), [&](size_t first, size_t last) {
    for (size_t b = first; b < last; ++b) {
      cancel.ThrowIfCancelled();
      const ElementBlock& block = blocks[b];
      const float* data = tensors[block.tensor].data;
      float* out = outputs[block.tensor].data;
      uint8_t* mask = masks[block.tensor].data;
      uint64_t budget = tie_budget[b];
      for (size_t i = block.begin; i < block.end; ++i) {
        const uint32_t key = MagnitudeKey(data[i]);
        bool keep = key > threshold_key;
        if (key == threshold_key) {
          keep = budget == 0;
          if (!keep) --budget;
        }
        mask[i] = keep ? 1 : 0;
        out[i] = keep ? data[i] : 0.0f;
      }
    }
  });
}

Napi::Value ApplyMagnitudeMask(const Napi::CallbackInfo& info) {
  // (tensors: Float32Array[], outputs: Float32Array[], masks: Uint8Array[], threshold, tiesToPrune, threads, cancel)
  const std::vector<ArraySpan<float>> tensors = TypedArrayListArg<float>(info, 0);
  std::vector<ArraySpan<float>> outputs = TypedArrayListArg<float>(info, 1);
  std::vector<ArraySpan<uint8_t>> masks = TypedArrayListArg<uint8_t>(info, 2);
  const float threshold = static_cast<float>(NumberArg(info, 3));
  const uint64_t ties_to_prune = SizeArg(info, 4);
  const int threads = ThreadsArg(info, 5);
  bool consistent = outputs.size() == tensors.size() && masks.size() == tensors.size();
  for (size_t t = 0; consistent && t < tensors.size(); ++t) {
    consistent = outputs[t].size == tensors[t].size && masks[t].size == tensors[t].size;
  }
  if (!consistent) throw Napi::RangeError::New(info.Env(), "applyMagnitudeMask: outputs do not match the tensors");
  AsyncTask* task = AsyncTask::Create(info.Env(), info[6], {info[0], info[1], info[2]});
  return task->Run(
      [=](const CancelFlag& cancel) { ApplyMask(tensors, outputs, masks, threshold, ties_to_prune, threads, cancel); },
      [](Napi::Env env) -> Napi::Value { return env.Undefined(); });
}

void InitSparseMagnitude(Napi::Env env, Napi::Object exports) {
  exports.Set("magnitudeThreshold", Napi::Function::New(env, MagnitudeThreshold, "magnitudeThreshold"));
  exports.Set("applyMagnitudeMask", Napi::Function::New(env, ApplyMagnitudeMask, "applyMagnitudeMask"));
}

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitSparseMagnitude);

}  // namespace edgepress
