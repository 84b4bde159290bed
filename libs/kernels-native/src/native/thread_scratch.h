#pragma once
// Scratch memory that a calling thread keeps from one kernel call to the next (the padded A of
// the int8 GEMMs, the packed activations of SpMM). Fresh memory costs a page fault per 4 KB on
// first touch, and glibc hands a freed block at the top of its heap back to the system, to be
// faulted in again on the next call: measured a fifth of a small sparse product; for the int8
// GEMM's A, 1416 brk calls (with their faults) in 5000 products of 64 x 1024 x 1024 before, 51
// after, and 0.70 -> 0.63 ms a call at 256 x 1024 x 1024 on one thread. Up to kKeptBytes stay
// allocated per thread; a larger request, or one made while the thread's block is in use, gets
// memory of its own, freed with the object.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace edgepress {

class ThreadScratch {
 public:
  // At least `bytes`, 64-byte aligned, contents undefined.
  explicit ThreadScratch(size_t bytes) {
    Kept& kept = ThisThread();
    if (bytes <= kKeptBytes && !kept.in_use) {
      if (kept.block.size() < bytes + 64) kept.block.resize(bytes + 64);
      kept.in_use = true;
      holds_kept_ = true;
      data_ = Align(kept.block.data());
    } else {
      owned_.reset(new uint8_t[bytes + 64]);
      data_ = Align(owned_.get());
    }
  }
  ~ThreadScratch() {
    if (holds_kept_) ThisThread().in_use = false;
  }
  ThreadScratch(const ThreadScratch&) = delete;
  ThreadScratch& operator=(const ThreadScratch&) = delete;

  uint8_t* data() const { return data_; }

 private:
  static constexpr size_t kKeptBytes = size_t{4} << 20;
  struct Kept {
    std::vector<uint8_t> block;
    bool in_use = false;
  };
  // One per thread for every kernel (an inline function's static is shared by all files).
  static Kept& ThisThread() {
    thread_local Kept kept;
    return kept;
  }
  static uint8_t* Align(uint8_t* p) { return reinterpret_cast<uint8_t*>((reinterpret_cast<uintptr_t>(p) + 63) & ~uintptr_t{63}); }

  std::unique_ptr<uint8_t[]> owned_;
  uint8_t* data_ = nullptr;
  bool holds_kept_ = false;
};

}  // namespace edgepress
