#include "output_buffers.h"

#include <cstdlib>
#include <map>
#include <mutex>
#include <new>
#include <vector>

namespace edgepress {
namespace {

constexpr size_t kRetainedBytes = size_t{64} << 20;

class BlockPool {
 public:
  static BlockPool& Instance() {
    static BlockPool* pool = new BlockPool();  // never destroyed: finalizers may run at exit
    return *pool;
  }

  float* Take(size_t floats) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = free_.find(floats);
      if (it != free_.end() && !it->second.empty()) {
        float* block = it->second.back();
        it->second.pop_back();
        retained_ -= floats * sizeof(float);
        return block;
      }
    }
    void* block = std::aligned_alloc(64, ((floats * sizeof(float) + 63) / 64) * 64);
    if (block == nullptr) throw std::bad_alloc();
    return static_cast<float*>(block);
  }

  void Give(float* block, size_t floats) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (retained_ + floats * sizeof(float) > kRetainedBytes) {
      std::free(block);
      return;
    }
    free_[floats].push_back(block);
    retained_ += floats * sizeof(float);
  }

 private:
  std::mutex mutex_;
  std::map<size_t, std::vector<float*>> free_;
  size_t retained_ = 0;
};

}  // namespace

OutputBlock::OutputBlock(size_t floats) : data_(BlockPool::Instance().Take(floats == 0 ? 1 : floats)), floats_(floats == 0 ? 1 : floats) {}

OutputBlock::OutputBlock(OutputBlock&& other) noexcept : data_(other.data_), floats_(other.floats_) { other.data_ = nullptr; }

OutputBlock::~OutputBlock() {
  if (data_ != nullptr) BlockPool::Instance().Give(data_, floats_);
}

Napi::Float32Array OutputBlock::ToJs(Napi::Env env) {
  float* data = data_;
  const size_t floats = floats_;
  data_ = nullptr;
  // V8 counts the byte length of every ArrayBuffer, external ones included, towards the
  // external memory that schedules garbage collection, so dropped outputs are collected (and
  // their blocks come back here) without any extra accounting.
  Napi::ArrayBuffer buffer = Napi::ArrayBuffer::New(
      env, data, floats * sizeof(float),
      [](Napi::Env, void* block, size_t* count) {
        BlockPool::Instance().Give(static_cast<float*>(block), *count);
        delete count;
      },
      new size_t(floats));
  return Napi::Float32Array::New(env, floats, buffer, 0);
}

}  // namespace edgepress
