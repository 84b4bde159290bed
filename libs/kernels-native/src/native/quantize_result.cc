#include "quantize_result.h"

#include <cstdlib>
#include <mutex>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace edgepress {

namespace {

constexpr size_t kLargeBlock = size_t{1} << 18;
constexpr size_t kCacheBlocks = 64;
constexpr size_t kCacheBytes = size_t{128} << 20;
constexpr size_t kPage = 4096;

struct Block {
  void* data;
  size_t capacity;
};

class BlockCache {
 public:
  static BlockCache& Instance() {
    static BlockCache* cache = new BlockCache();  // never destroyed: finalizers may run at exit
    return *cache;
  }

  // The smallest cached block that holds `bytes` without wasting more than half of itself.
  bool Take(size_t bytes, Block* block) {
    std::lock_guard<std::mutex> lock(mutex_);
    size_t best = blocks_.size();
    for (size_t i = 0; i < blocks_.size(); ++i) {
      if (blocks_[i].capacity >= bytes && blocks_[i].capacity <= 2 * bytes &&
          (best == blocks_.size() || blocks_[i].capacity < blocks_[best].capacity)) {
        best = i;
      }
    }
    if (best == blocks_.size()) return false;
    *block = blocks_[best];
    cached_bytes_ -= block->capacity;
    blocks_.erase(blocks_.begin() + static_cast<std::ptrdiff_t>(best));
    return true;
  }

  bool Put(const Block& block) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (blocks_.size() >= kCacheBlocks || cached_bytes_ + block.capacity > kCacheBytes) return false;
    blocks_.push_back(block);
    cached_bytes_ += block.capacity;
    return true;
  }

 private:
  std::mutex mutex_;
  std::vector<Block> blocks_;
  size_t cached_bytes_ = 0;
};

Block AllocateBlock(size_t bytes) {
  Block block{nullptr, 0};
#if defined(__linux__)
  if (bytes >= kLargeBlock) {
    if (BlockCache::Instance().Take(bytes, &block)) return block;
    block.capacity = (bytes + kPage - 1) / kPage * kPage;
    block.data = mmap(nullptr, block.capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (block.data == MAP_FAILED) throw std::bad_alloc();
    return block;
  }
#endif
  block.capacity = (bytes + 63) / 64 * 64 + 64;
  block.data = std::aligned_alloc(64, block.capacity);
  if (!block.data) throw std::bad_alloc();
  return block;
}

void FreeBlock(const Block& block) {
  if (!block.data) return;
#if defined(__linux__)
  if (block.capacity >= kLargeBlock) {
    if (!BlockCache::Instance().Put(block)) munmap(block.data, block.capacity);
    return;
  }
#endif
  std::free(block.data);
}

}  // namespace

NativeResult::~NativeResult() { FreeBlock({data_, capacity_}); }

void NativeResult::Allocate(size_t bytes) {
  FreeBlock({data_, capacity_});
  data_ = nullptr;
  Block block = AllocateBlock(bytes);
  data_ = block.data;
  capacity_ = block.capacity;
  bytes_ = bytes;
}

Napi::TypedArray NativeResult::Release(Napi::Env env, napi_typedarray_type type, size_t length) {
  auto* block = new Block{data_, capacity_};
  data_ = nullptr;
  capacity_ = 0;
  // The buffer exposes only the requested bytes: a reused block's tail holds an earlier result.
  Napi::ArrayBuffer buffer = Napi::ArrayBuffer::New(
      env, block->data, bytes_,
      [](Napi::Env, void*, Block* owned) {
        FreeBlock(*owned);
        delete owned;
      },
      block);
  napi_value array;
  if (napi_create_typedarray(env, type, length, buffer, 0, &array) != napi_ok) throw Napi::Error::New(env, "cannot create result array");
  return Napi::TypedArray(env, array);
}

}  // namespace edgepress
