#include "quantize_result.h"

#include "registry.h"

#include <atomic>
#include <cstdint>
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
// 512 blocks: V8 collects results in batches, and a product loop of 64 x 1024 x 1024 (256 KiB
// results) returned more than 64 blocks per collection; with 64 kept, a quarter of its time went
// to mapping and zeroing fresh pages (0.25 -> 0.21 ms a call). The byte cap binds for larger blocks.
constexpr size_t kCacheBlocks = 512;
constexpr size_t kCacheBytes = size_t{128} << 20;
constexpr size_t kPage = 4096;

struct Block {
  void* data;
  size_t capacity;
};

// How large results got their memory (read by tests through resultBlockStats).
std::atomic<size_t> reused_blocks{0}, joined_blocks{0}, mapped_blocks{0};

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

  // Smaller blocks, oldest first, whose capacities add up to at least `bytes` (none if they do
  // not): the pages of a fresh mapping cost far more than moving these (see JoinBlocks).
  std::vector<Block> TakeSmaller(size_t bytes) {
    std::vector<Block> taken;
    std::lock_guard<std::mutex> lock(mutex_);
    size_t total = 0;
    for (const Block& block : blocks_) {
      if (block.capacity >= bytes) continue;
      taken.push_back(block);
      total += block.capacity;
      if (total >= bytes) break;
    }
    if (total < bytes) return {};
    for (const Block& block : taken) {
      for (auto it = blocks_.begin(); it != blocks_.end(); ++it) {
        if (it->data == block.data) {
          blocks_.erase(it);
          break;
        }
      }
      cached_bytes_ -= block.capacity;
    }
    return taken;
  }

  size_t cached_blocks() {
    std::lock_guard<std::mutex> lock(mutex_);
    return blocks_.size();
  }

  // Keeps `block`; returns the blocks to unmap. A full cache makes room by dropping its oldest
  // blocks: refusing the new one instead left a cache full of one size (64 x 256 KiB after
  // 64 x 1024 x 1024 products) while every later 1 MiB result mapped and zeroed fresh pages,
  // which took 256 x 1024 x 1024 int8 from 0.65 to 0.99 ms a call.
  std::vector<Block> Put(const Block& block) {
    std::vector<Block> dropped;
    std::lock_guard<std::mutex> lock(mutex_);
    if (block.capacity > kCacheBytes) {
      dropped.push_back(block);
      return dropped;
    }
    while (!blocks_.empty() && (blocks_.size() >= kCacheBlocks || cached_bytes_ + block.capacity > kCacheBytes)) {
      dropped.push_back(blocks_.front());
      cached_bytes_ -= blocks_.front().capacity;
      blocks_.erase(blocks_.begin());
    }
    blocks_.push_back(block);
    cached_bytes_ += block.capacity;
    return dropped;
  }

 private:
  std::mutex mutex_;
  std::vector<Block> blocks_;
  size_t cached_bytes_ = 0;
};

#if defined(__linux__)
// One block made of `pieces` by moving their pages (mremap) into consecutive addresses: no page
// is zeroed or faulted in. On the 2-vCPU VM a fresh megabyte took 370-450 us to map and populate
// (the host backs every page anew), more than half of a 256 x 1024 x 1024 int8 product on one
// thread; joining four 256 KiB blocks took 40-50 us (and 40-50 us more on first write). Moving on
// from 256 KiB results to 1 MiB ones otherwise maps tens of fresh blocks before V8 returns the
// first ones. Returns false (pieces unmapped) if the kernel refuses.
bool JoinBlocks(const std::vector<Block>& pieces, Block* block) {
  size_t total = 0;
  for (const Block& piece : pieces) total += piece.capacity;
  void* base = mmap(nullptr, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  bool ok = base != MAP_FAILED;
  size_t offset = 0;
  for (const Block& piece : pieces) {
    uint8_t* dest = static_cast<uint8_t*>(base) + offset;
    if (ok && mremap(piece.data, piece.capacity, piece.capacity, MREMAP_MAYMOVE | MREMAP_FIXED, dest) == MAP_FAILED) ok = false;
    if (!ok) munmap(piece.data, piece.capacity);
    offset += piece.capacity;
  }
  if (!ok) {
    if (base != MAP_FAILED) munmap(base, total);
    return false;
  }
  *block = Block{base, total};
  return true;
}
#endif

Block AllocateBlock(size_t bytes) {
  Block block{nullptr, 0};
#if defined(__linux__)
  if (bytes >= kLargeBlock) {
    if (BlockCache::Instance().Take(bytes, &block)) {
      ++reused_blocks;
      return block;
    }
    block.capacity = (bytes + kPage - 1) / kPage * kPage;
    const std::vector<Block> pieces = BlockCache::Instance().TakeSmaller(block.capacity);
    if (!pieces.empty() && JoinBlocks(pieces, &block)) {
      ++joined_blocks;
      return block;
    }
    block.data = mmap(nullptr, block.capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (block.data == MAP_FAILED) throw std::bad_alloc();
    ++mapped_blocks;
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
    for (const Block& dropped : BlockCache::Instance().Put(block)) munmap(dropped.data, dropped.capacity);
    return;
  }
#endif
  std::free(block.data);
}

// { reused, joined, mapped, cached }: results of 256 KiB and more served from the cache, made by
// joining smaller cached blocks, or freshly mapped, and the blocks cached now (Linux; 0 elsewhere).
Napi::Value ResultBlockStats(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object stats = Napi::Object::New(env);
  stats.Set("reused", Napi::Number::New(env, static_cast<double>(reused_blocks.load())));
  stats.Set("joined", Napi::Number::New(env, static_cast<double>(joined_blocks.load())));
  stats.Set("mapped", Napi::Number::New(env, static_cast<double>(mapped_blocks.load())));
  stats.Set("cached", Napi::Number::New(env, static_cast<double>(BlockCache::Instance().cached_blocks())));
  return stats;
}

void InitResultBlocks(Napi::Env env, Napi::Object exports) {
  exports.Set("resultBlockStats", Napi::Function::New(env, ResultBlockStats, "resultBlockStats"));
}

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitResultBlocks);

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
  // V8 sees only the small array object, not the block: told the block's size, it collects
  // results sooner and the cache runs dry less often. At 256 x 1024 x 1024 int8 on 2 threads (1 MiB
  // results), 73-83 of the first 200 calls mapped fresh pages (0.6-1 ms instead of 0.32); 37-44
  // with it.
  const int64_t external = static_cast<int64_t>(block->capacity);
  Napi::MemoryManagement::AdjustExternalMemory(env, external);
  // The buffer exposes only the requested bytes: a reused block's tail holds an earlier result.
  Napi::ArrayBuffer buffer = Napi::ArrayBuffer::New(
      env, block->data, bytes_,
      [](Napi::Env finalizing, void*, Block* owned) {
        Napi::MemoryManagement::AdjustExternalMemory(finalizing, -static_cast<int64_t>(owned->capacity));
        FreeBlock(*owned);
        delete owned;
      },
      block);
  napi_value array;
  if (napi_create_typedarray(env, type, length, buffer, 0, &array) != napi_ok) throw Napi::Error::New(env, "cannot create result array");
  return Napi::TypedArray(env, array);
}

}  // namespace edgepress
