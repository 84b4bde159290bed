#pragma once
// Results that kernels allocate themselves (off the JavaScript thread) and hand to JavaScript
// without a copy, as external ArrayBuffers. Two costs disappear that, for a GEMM output, are as
// large as an AMX GEMM of 256 x 1024 x 1024: V8's zero-fill of a fresh ArrayBuffer, and the page
// faults of fresh memory. Blocks of 256 KiB and more come from a small process-wide cache of
// blocks that earlier results returned when JavaScript collected them (bounded: at most
// kCacheBlocks blocks and kCacheBytes bytes are kept; the oldest are unmapped to make room).
#include <napi.h>

#include <cstddef>

namespace edgepress {

class NativeResult {
 public:
  NativeResult() = default;
  NativeResult(const NativeResult&) = delete;
  NativeResult& operator=(const NativeResult&) = delete;
  ~NativeResult();

  // Worker thread: allocates (or reuses) at least `bytes` bytes, 64-byte aligned.
  void Allocate(size_t bytes);
  void* data() const { return data_; }

  // JavaScript thread only: wraps the block in a typed array that owns it from then on.
  Napi::TypedArray Release(Napi::Env env, napi_typedarray_type type, size_t length);

 private:
  void* data_ = nullptr;
  size_t capacity_ = 0;
  size_t bytes_ = 0;
};

}  // namespace edgepress
