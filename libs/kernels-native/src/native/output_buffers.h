#pragma once
// Output arrays for kernels whose results are large and produced often (sparse products in a
// layer loop). A fresh JS Float32Array of a few hundred KB costs more than the product itself on
// these machines (zeroing, an mmap per allocation, a page fault per 4 KB on first write, and GC
// work). Outputs here come from a bounded pool of native blocks instead and reach JS as external
// ArrayBuffers; when JS collects one, its finalizer returns the block to the pool. The pool keeps
// at most kRetainedBytes. (V8 counts external ArrayBuffers towards its GC heuristics, so dropped
// outputs are collected in time; a loop of 20,000 products kept the process under 170 MB.)
#include <napi.h>

#include <cstddef>

namespace edgepress {

class OutputBlock {
 public:
  explicit OutputBlock(size_t floats);  // 64-byte aligned, contents undefined
  OutputBlock(OutputBlock&& other) noexcept;
  OutputBlock& operator=(OutputBlock&&) = delete;
  OutputBlock(const OutputBlock&) = delete;
  ~OutputBlock();  // returns the block to the pool unless it was handed to JS

  float* data() const { return data_; }
  size_t size() const { return floats_; }

  // Hands the block to JS (call once, on the JS thread).
  Napi::Float32Array ToJs(Napi::Env env);

 private:
  float* data_;
  size_t floats_;
};

}  // namespace edgepress
