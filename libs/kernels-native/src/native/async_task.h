#pragma once
// Runs a kernel off the JavaScript thread (libuv pool) and settles a Promise.
//
// Usage in an N-API wrapper (arguments were validated in TypeScript already):
//   auto task = AsyncTask::Create(info.Env(), cancelFlagArg, keepAlive);
//   task->Run([=](const CancelFlag& cancel) {   // worker thread: no N-API calls here
//     ... kernel on raw pointers, calling cancel.ThrowIfCancelled() every block ...
//   }, [=](Napi::Env env) -> Napi::Value {      // JS thread: build the result
//     return ...;
//   });
//   return task->Promise();
//
// Short kernels may run on the JavaScript thread instead (Run(..., run_inline = true)): the two
// hand-offs of the libuv pool (queueing the work, then waking the event loop with the result)
// cost tens of microseconds each on a busy VM, a large part of a sub-millisecond kernel.
// ONNX Runtime's Node binding runs every session synchronously on that thread, for the same
// reason. The promise is then settled before Run returns; errors map exactly as below.
//
// Cancellation: JS passes an Int32Array over a SharedArrayBuffer (or undefined); setting
// element 0 to 1 asks the kernel to stop at its next check, which rejects the promise with an
// error whose code is "CANCELLED". Typed arrays the kernel reads or writes are held by
// references in `keepAlive` until the task settles, so GC cannot free them mid-run.
#include <napi.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace edgepress {

class CancelledError : public std::runtime_error {
 public:
  CancelledError() : std::runtime_error("the operation was cancelled") {}
};

// Thrown by kernels for conditions the TypeScript validation cannot see in advance
// (e.g. an index out of range inside an index array); becomes code INVALID_ARGUMENT.
class KernelArgumentError : public std::runtime_error {
 public:
  explicit KernelArgumentError(const std::string& message) : std::runtime_error(message) {}
};

class CancelFlag {
 public:
  explicit CancelFlag(const int32_t* flag) : flag_(flag) {}
  bool IsCancelled() const {
    return flag_ != nullptr && __atomic_load_n(flag_, __ATOMIC_RELAXED) != 0;
  }
  void ThrowIfCancelled() const {
    if (IsCancelled()) throw CancelledError();
  }

 private:
  const int32_t* flag_;
};

class AsyncTask : public Napi::AsyncWorker {
 public:
  using Work = std::function<void(const CancelFlag&)>;
  using Finish = std::function<Napi::Value(Napi::Env)>;

  // `cancel` is an Int32Array (shared memory) or undefined; `keep_alive` lists the JS values the
  // kernel touches.
  static AsyncTask* Create(Napi::Env env, Napi::Value cancel, const std::vector<Napi::Value>& keep_alive) {
    return new AsyncTask(env, cancel, keep_alive);
  }

  Napi::Promise Run(Work work, Finish finish, bool run_inline = false) {
    work_ = std::move(work);
    finish_ = std::move(finish);
    Napi::Promise promise = deferred_.Promise();
    if (!run_inline) {
      Queue();
      return promise;
    }
    Execute();
    if (failed_) {
      OnError(Napi::Error::New(Env(), error_message_));
    } else {
      OnOK();
    }
    Destroy();
    return promise;
  }

 protected:
  void Execute() override {
    try {
      work_(CancelFlag(cancel_ptr_));
    } catch (const CancelledError& e) {
      Fail("CANCELLED", e.what());
    } catch (const KernelArgumentError& e) {
      Fail("INVALID_ARGUMENT", e.what());
    } catch (const std::bad_alloc&) {
      Fail("RESOURCE_EXHAUSTED", "out of memory in native kernel");
    } catch (const std::exception& e) {
      Fail("INTERNAL", e.what());
    }
  }

  void OnOK() override {
    Napi::Env env = Env();
    try {
      deferred_.Resolve(finish_(env));
    } catch (const Napi::Error& e) {
      deferred_.Reject(e.Value());
    }
    Release();
  }

  void OnError(const Napi::Error& e) override {
    Napi::Error error = Napi::Error::New(Env(), e.Message());
    error.Set("code", Napi::String::New(Env(), error_code_));
    deferred_.Reject(error.Value());
    Release();
  }

 private:
  AsyncTask(Napi::Env env, Napi::Value cancel, const std::vector<Napi::Value>& keep_alive)
      : Napi::AsyncWorker(env, "edgepress:kernel"), deferred_(Napi::Promise::Deferred::New(env)) {
    if (cancel.IsTypedArray()) {
      Napi::Int32Array flag = cancel.As<Napi::Int32Array>();
      cancel_ptr_ = flag.Data();
      refs_.push_back(Napi::Persistent(cancel.As<Napi::Object>()));
    }
    for (const Napi::Value& value : keep_alive) {
      if (value.IsObject()) refs_.push_back(Napi::Persistent(value.As<Napi::Object>()));
    }
  }

  void Release() {
    for (auto& ref : refs_) ref.Reset();
    refs_.clear();
  }

  void Fail(const char* code, const std::string& message) {
    error_code_ = code;
    error_message_ = message;
    failed_ = true;
    SetError(message);
  }

  Napi::Promise::Deferred deferred_;
  const int32_t* cancel_ptr_ = nullptr;
  std::vector<Napi::ObjectReference> refs_;
  Work work_;
  Finish finish_;
  std::string error_code_ = "INTERNAL";
  std::string error_message_;
  bool failed_ = false;
};

}  // namespace edgepress
