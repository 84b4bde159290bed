#include "gemm_worker_pool.h"

#include <atomic>
#include <cstdint>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#if defined(__linux__)
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace edgepress {

namespace {

// Units are dealt out in contiguous ranges, one per participant (the caller is slot 0), so that
// a thread works on neighbouring columns and keeps the same slice of a GEMM call after call.
// A participant that runs out takes units from the back of another range (work stealing), so a
// worker that starts late or is descheduled delays the call by at most the unit it holds.
class UnitRanges {
 public:
  UnitRanges(size_t units, int parts) : parts_(parts) {
    for (int i = 0; i < parts; ++i) {
      const uint64_t begin = units * static_cast<size_t>(i) / static_cast<size_t>(parts);
      const uint64_t end = units * static_cast<size_t>(i + 1) / static_cast<size_t>(parts);
      ranges_[i].store(begin << 32 | end);
    }
  }

  // The next unit of `slot`'s own range (front), else one stolen from another range (back).
  bool Take(int slot, size_t* unit) {
    if (TakeFront(slot, unit)) return true;
    for (int i = 1; i < parts_; ++i) {
      if (TakeBack((slot + i) % parts_, unit)) return true;
    }
    return false;
  }

  void Clear() {
    for (int i = 0; i < parts_; ++i) ranges_[i].store(0);
  }

 private:
  bool TakeFront(int slot, size_t* unit) {
    uint64_t r = ranges_[slot].load();
    while ((r >> 32) < (r & 0xFFFFFFFFu)) {
      if (ranges_[slot].compare_exchange_weak(r, r + (uint64_t{1} << 32))) {
        *unit = static_cast<size_t>(r >> 32);
        return true;
      }
    }
    return false;
  }

  bool TakeBack(int slot, size_t* unit) {
    uint64_t r = ranges_[slot].load();
    while ((r >> 32) < (r & 0xFFFFFFFFu)) {
      if (ranges_[slot].compare_exchange_weak(r, r - 1)) {
        *unit = static_cast<size_t>((r & 0xFFFFFFFFu) - 1);
        return true;
      }
    }
    return false;
  }

  int parts_;
  std::atomic<uint64_t> ranges_[64];  // begin << 32 | end
};

// One step of a busy-wait loop: lets the sibling hyperthread run and keeps the loop from
// flooding the memory system.
inline void PauseWhilePolling() {
#if defined(__x86_64__)
  __builtin_ia32_pause();
#else
  std::this_thread::yield();
#endif
}

struct Job {
  Job(size_t units, int threads) : ranges(units, threads) {}
  const std::function<void(size_t)>* body = nullptr;
  const std::function<void(bool)>* scope = nullptr;
  UnitRanges ranges;
  int seats = 0;   // workers that may still join (guarded by the pool mutex)
  int joined = 0;  // slots handed out to workers (guarded by the pool mutex)
  // Workers inside Work(): changed under the pool mutex, read without it by a caller polling for
  // the join (see AwaitWorkers).
  std::atomic<int> active{0};
  int caller_cpu = -1;  // where the caller ran when it queued the job (-1: unknown)
  std::exception_ptr error;  // guarded by the pool mutex
  std::condition_variable idle;
};

class WorkerPool {
 public:
  static WorkerPool& Instance() {
    // Never destroyed: its threads wait on the condition variable until the process exits.
    static WorkerPool* pool = new WorkerPool();
    return *pool;
  }

  WorkerPool() {
#if defined(__linux__)
    // The CPUs the process may use, as its first caller sees them (workers narrow their own set).
    if (sched_getaffinity(0, sizeof allowed_, &allowed_) != 0) CPU_ZERO(&allowed_);
#endif
  }

  void Run(int threads, size_t units, const std::function<void(size_t)>& body, const std::function<void(bool)>& scope) {
    Job job(units, threads);
    job.body = &body;
    job.scope = scope ? &scope : nullptr;
    job.seats = threads - 1;
#if defined(__linux__)
    job.caller_cpu = sched_getcpu();
#endif
    {
      std::unique_lock<std::mutex> lock(mutex_);
      while (workers_.size() < static_cast<size_t>(threads - 1)) {
        const size_t index = workers_.size();
        worker_tids_.push_back(0);
        worker_avoids_.push_back(-1);
        workers_.emplace_back([this, index] { WorkerLoop(index); });
      }
      KeepWorkersOffCpu(job.caller_cpu, lock);
      jobs_.push_back(&job);
      queued_.store(jobs_.size());
    }
    wake_.notify_all();
    Work(job, 0);
    AwaitWorkers(job);
    std::unique_lock<std::mutex> lock(mutex_);
    for (auto it = jobs_.begin(); it != jobs_.end(); ++it) {
      if (*it == &job) {
        jobs_.erase(it);
        break;
      }
    }
    queued_.store(jobs_.size());
    job.idle.wait(lock, [&] { return job.active == 0; });
    if (job.error) std::rethrow_exception(job.error);
  }

 private:
  // The caller, its own units done, polls for a short while for the workers still on their last
  // unit before sleeping on the condition variable: a futex wake-up costs more than a balanced
  // split leaves between the two. Measured at 64 x 1024 x 1024, 90 % sparse, 2 threads: both
  // threads were done 85-87 us into a call that returned at 100-102 us; polling brought the
  // return to 89-91 us. A worker that finishes after the poll still wakes the caller; taking the
  // mutex afterwards (to unqueue the job) waits for a worker's notify, so the job outlives every
  // use of it.
  static void AwaitWorkers(const Job& job) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::microseconds(kSpinMicroseconds);
    while (job.active.load(std::memory_order_acquire) != 0 && std::chrono::steady_clock::now() < deadline) {
      PauseWhilePolling();
    }
  }

  void Work(Job& job, int slot) {
    bool entered = false;
    try {
      for (size_t unit; job.ranges.Take(slot, &unit);) {
        if (!entered && job.scope) (*job.scope)(true);
        entered = true;
        (*job.body)(unit);
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!job.error) job.error = std::current_exception();
      job.ranges.Clear();
    }
    if (entered && job.scope) (*job.scope)(false);
  }

  // Before sleeping, a worker polls for new work for a short while (as ONNX Runtime's pool does,
  // much longer): back-to-back calls then find it awake, since a futex wake-up costs tens of
  // microseconds. Kept short because a spinning thread competes for the CPU: on the shared
  // 2-core machine, 2 ms of spinning made 2-thread GEMMs 2-3x slower, 0-50 us measured the same.
  void SpinForWork() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::microseconds(kSpinMicroseconds);
    while (queued_.load(std::memory_order_relaxed) == 0 && std::chrono::steady_clock::now() < deadline) {
      PauseWhilePolling();
    }
  }

  // Keeps the workers off the CPU the caller runs on, before they see its job. On the 2-vCPU VM,
  // once ONNX Runtime's threads had run (and even after the process had idled 10 ms), the
  // scheduler kept waking a worker on the caller's vCPU, the other one idle: the two then took
  // turns on one core, and 2 threads measured as slow as 1 (256 x 1024 x 1024 int8: 0.66 ms
  // instead of 0.41). Workers used to move themselves once they had joined a job; but callers
  // change CPUs (the libuv pool's threads take turns), and a worker left on the CPU it had
  // avoided for the previous caller sat on the new caller's CPU, unable to run until the call was
  // over. The caller now sets the workers' CPU sets itself, only when its CPU is not the one they
  // already avoid: a system call per worker every few calls at most. At 1024 x 1024 x 1024 int8
  // on 2 threads (median 1.2 ms), calls over 2 ms without page faults went from 25-50 of 180 to
  // 14-19; the worker then took no part in them. Longer polling before sleeping (200 us, 1 ms) and
  // pinning the caller as well changed nothing further.
  void KeepWorkersOffCpu(int cpu, std::unique_lock<std::mutex>& lock) {
#if defined(__linux__)
    if (cpu < 0 || !CPU_ISSET(cpu, &allowed_) || CPU_COUNT(&allowed_) < 2) return;
    cpu_set_t others = allowed_;
    CPU_CLR(cpu, &others);
    for (size_t i = 0; i < workers_.size(); ++i) {
      if (worker_avoids_[i] == cpu) continue;
      // A worker publishes its thread id when it starts (under the mutex).
      started_.wait(lock, [&] { return worker_tids_[i] != 0; });
      if (sched_setaffinity(static_cast<pid_t>(worker_tids_[i]), sizeof others, &others) == 0) worker_avoids_[i] = cpu;
    }
#else
    (void)cpu;
    (void)lock;
#endif
  }

  void WorkerLoop(size_t index) {
    std::unique_lock<std::mutex> lock(mutex_);
#if defined(__linux__)
    worker_tids_[index] = static_cast<long>(syscall(SYS_gettid));
#else
    worker_tids_[index] = 1;
#endif
    started_.notify_all();
    for (;;) {
      if (jobs_.empty()) {
        lock.unlock();
        SpinForWork();
        lock.lock();
      }
      if (jobs_.empty()) {
        // Sleep until a job is queued, then go round the loop: a worker woken too late for its job
        // (on a VM, waking a halted vCPU can take longer than a 0.2 ms call that its caller then
        // finishes alone) spins again before sleeping. Waiting here for the next job instead sent
        // such a worker straight back to sleep, to be late again for the next call.
        wake_.wait(lock);
        continue;
      }
      Job* job = jobs_.front();
      if (job->seats == 0) {
        jobs_.pop_front();  // full: its owner no longer needs it queued
        queued_.store(jobs_.size());
        continue;
      }
      --job->seats;
      const int slot = ++job->joined;
      ++job->active;
      lock.unlock();
      Work(*job, slot);
      lock.lock();
      if (--job->active == 0) job->idle.notify_all();
    }
  }

  static constexpr int kSpinMicroseconds = 50;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job*> jobs_;
  std::atomic<size_t> queued_{0};  // jobs_.size(), readable without the lock
  std::vector<std::thread> workers_;
  std::condition_variable started_;  // a worker published its thread id
  std::vector<long> worker_tids_;     // guarded by mutex_; 0 until the worker has started
  std::vector<int> worker_avoids_;    // guarded by mutex_; the CPU each worker's set leaves out (-1: none)
#if defined(__linux__)
  cpu_set_t allowed_;
#endif
};

}  // namespace

void RunOnWorkerPool(int threads, size_t units, const std::function<void(size_t)>& body, const std::function<void(bool)>& thread_scope) {
  if (threads <= 1 || units <= 1) {
    if (units == 0) return;
    if (thread_scope) thread_scope(true);
    try {
      for (size_t unit = 0; unit < units; ++unit) body(unit);
    } catch (...) {
      if (thread_scope) thread_scope(false);
      throw;
    }
    if (thread_scope) thread_scope(false);
    return;
  }
  WorkerPool::Instance().Run(threads, units, body, thread_scope);
}

}  // namespace edgepress
