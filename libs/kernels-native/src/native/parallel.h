#pragma once
// ParallelFor splits [0, count) into contiguous chunks over `threads` threads (the calling
// thread takes the first chunk). Kernels call it with whole rows or blocks so that chunks are
// large: a thread costs tens of microseconds to start, which is noise for the millisecond-scale
// work we split. Exceptions thrown by `body` are rethrown on the calling thread.
#include <algorithm>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace edgepress {

template <typename Body>
void ParallelFor(int threads, size_t count, Body body) {
  if (count == 0) return;
  size_t workers = std::max<size_t>(1, std::min<size_t>(static_cast<size_t>(threads < 1 ? 1 : threads), count));
  if (workers == 1) {
    body(size_t{0}, count);
    return;
  }
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto run = [&](size_t begin, size_t end) {
    try {
      body(begin, end);
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  size_t chunk = (count + workers - 1) / workers;
  for (size_t w = 1; w < workers; ++w) {
    size_t begin = w * chunk;
    size_t end = std::min(count, begin + chunk);
    if (begin >= end) break;
    pool.emplace_back(run, begin, end);
  }
  run(0, std::min(count, chunk));
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace edgepress
