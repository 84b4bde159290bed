#pragma once
// Splits a list of tensors into fixed-size blocks of elements, in tensor order then element
// order. Kernels that scan several tensors (global magnitude pruning) hand whole blocks to
// threads; because the blocks do not depend on the thread count, per-block results merged in
// block order are identical for any number of threads.
#include <algorithm>
#include <cstddef>
#include <vector>

namespace edgepress {

struct ElementBlock {
  size_t tensor;
  size_t begin;
  size_t end;
};

inline std::vector<ElementBlock> SplitIntoBlocks(const std::vector<size_t>& sizes, size_t block_size) {
  std::vector<ElementBlock> blocks;
  for (size_t t = 0; t < sizes.size(); ++t) {
    for (size_t begin = 0; begin < sizes[t]; begin += block_size) {
      blocks.push_back({t, begin, std::min(sizes[t], begin + block_size)});
    }
  }
  return blocks;
}

}  // namespace edgepress
