#include "gemm_worker_pool.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace edgepress {

namespace {

struct Job {
  const std::function<void(size_t)>* body = nullptr;
  size_t units = 0;
  std::atomic<size_t> next{0};
  int seats = 0;   // workers that may still join (guarded by the pool mutex)
  int active = 0;  // workers inside Work() (guarded by the pool mutex)
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

  void Run(int threads, size_t units, const std::function<void(size_t)>& body) {
    Job job;
    job.body = &body;
    job.units = units;
    job.seats = threads - 1;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      while (workers_.size() < static_cast<size_t>(threads - 1)) workers_.emplace_back([this] { WorkerLoop(); });
      jobs_.push_back(&job);
    }
    wake_.notify_all();
    Work(job);
    std::unique_lock<std::mutex> lock(mutex_);
    for (auto it = jobs_.begin(); it != jobs_.end(); ++it) {
      if (*it == &job) {
        jobs_.erase(it);
        break;
      }
    }
    job.idle.wait(lock, [&] { return job.active == 0; });
    if (job.error) std::rethrow_exception(job.error);
  }

 private:
  void Work(Job& job) {
    for (size_t unit; (unit = job.next.fetch_add(1)) < job.units;) {
      try {
        (*job.body)(unit);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!job.error) job.error = std::current_exception();
        job.next.store(job.units);
      }
    }
  }

  void WorkerLoop() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return !jobs_.empty(); });
      Job* job = jobs_.front();
      if (job->seats == 0 || job->next.load() >= job->units) {
        jobs_.pop_front();  // full or finished: its owner no longer needs it queued
        continue;
      }
      --job->seats;
      ++job->active;
      lock.unlock();
      Work(*job);
      lock.lock();
      if (--job->active == 0) job->idle.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job*> jobs_;
  std::vector<std::thread> workers_;
};

}  // namespace

void RunOnWorkerPool(int threads, size_t units, const std::function<void(size_t)>& body) {
  if (threads <= 1 || units <= 1) {
    for (size_t unit = 0; unit < units; ++unit) body(unit);
    return;
  }
  WorkerPool::Instance().Run(threads, units, body);
}

}  // namespace edgepress
