// Huffman code lengths of a stream of 8-bit symbols (cluster indices), for Deep-Compression
// style size accounting: symbol counts (a per-thread histogram, merged), then an optimal prefix
// code built with the two-queue method. Leaves enter sorted by (count, symbol) and, on equal
// weights, a leaf is taken before a merged node, so the lengths are a pure function of the counts.
// The code is canonical: lengths alone define it (codes are assigned in (length, symbol) order,
// see src/huffman.ts). A stream with one distinct symbol gets a 1-bit code.
#include <napi.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "async_task.h"
#include "parallel.h"
#include "registry.h"
#include "typed_array_args.h"

namespace edgepress {
namespace {

struct HuffmanResult {
  std::array<uint64_t, 256> counts{};
  std::array<uint8_t, 256> lengths{};
  uint64_t total_bits = 0;
};

std::array<uint64_t, 256> Histogram(const uint8_t* stream, size_t n, int threads, const CancelFlag& cancel) {
  constexpr size_t kBlock = size_t{1} << 20;
  std::array<uint64_t, 256> counts{};
  std::mutex merge;
  ParallelFor(threads, (n + kBlock - 1) / kBlock, [&](size_t first, size_t last) {
    std::array<uint64_t, 256> local{};
    for (size_t b = first; b < last; ++b) {
      cancel.ThrowIfCancelled();
      for (size_t i = b * kBlock; i < std::min(n, (b + 1) * kBlock); ++i) ++local[stream[i]];
    }
    std::lock_guard<std::mutex> lock(merge);
    for (size_t s = 0; s < 256; ++s) counts[s] += local[s];
  });
  return counts;
}

// Code length per symbol (0 for absent symbols).
std::array<uint8_t, 256> CodeLengths(const std::array<uint64_t, 256>& counts) {
  struct Node {
    uint64_t weight;
    int parent;
  };
  std::vector<int> leaves;
  for (int s = 0; s < 256; ++s) {
    if (counts[s] > 0) leaves.push_back(s);
  }
  std::array<uint8_t, 256> lengths{};
  if (leaves.size() == 1) lengths[leaves[0]] = 1;
  if (leaves.size() <= 1) return lengths;
  std::stable_sort(leaves.begin(), leaves.end(), [&](int a, int b) { return counts[a] < counts[b]; });
  // Nodes 0..L-1 are the sorted leaves, L.. the merged nodes in creation (= weight) order.
  std::vector<Node> nodes;
  for (int s : leaves) nodes.push_back({counts[s], -1});
  size_t next_leaf = 0, next_merged = leaves.size();
  auto take = [&]() {
    const bool leaf = next_leaf < leaves.size() && (next_merged >= nodes.size() || nodes[next_leaf].weight <= nodes[next_merged].weight);
    return leaf ? next_leaf++ : next_merged++;
  };
  while (nodes.size() < 2 * leaves.size() - 1) {
    const size_t a = take(), b = take();
    nodes.push_back({nodes[a].weight + nodes[b].weight, -1});
    nodes[a].parent = nodes[b].parent = static_cast<int>(nodes.size() - 1);
  }
  // Depths from the root (the last node) downwards: parents always come after their children.
  std::vector<int> depth(nodes.size(), 0);
  for (size_t i = nodes.size() - 1; i-- > 0;) depth[i] = depth[nodes[i].parent] + 1;
  for (size_t i = 0; i < leaves.size(); ++i) lengths[leaves[i]] = static_cast<uint8_t>(depth[i]);
  return lengths;
}

Napi::Value HuffmanCode(const Napi::CallbackInfo& info) {
  // (stream: Uint8Array, threads, cancel)
  const ArraySpan<uint8_t> stream = TypedArrayArg<uint8_t>(info, 0);
  const int threads = ThreadsArg(info, 1);
  auto result = std::make_shared<HuffmanResult>();
  AsyncTask* task = AsyncTask::Create(info.Env(), info[2], {info[0]});
  return task->Run(
      [=](const CancelFlag& cancel) {
        result->counts = Histogram(stream.data, stream.size, threads, cancel);
        result->lengths = CodeLengths(result->counts);
        for (size_t s = 0; s < 256; ++s) result->total_bits += result->counts[s] * result->lengths[s];
      },
      [=](Napi::Env env) -> Napi::Value {
        Napi::Object out = Napi::Object::New(env);
        out.Set("counts", ToFloat64Array(env, std::vector<double>(result->counts.begin(), result->counts.end())));
        out.Set("lengths", ToUint8Array(env, std::vector<uint8_t>(result->lengths.begin(), result->lengths.end())));
        out.Set("totalBits", Napi::Number::New(env, static_cast<double>(result->total_bits)));
        return out;
      });
}

void InitHuffman(Napi::Env env, Napi::Object exports) {
  exports.Set("huffmanCode", Napi::Function::New(env, HuffmanCode, "huffmanCode"));
}

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitHuffman);

}  // namespace edgepress
