// Channel importance for structured pruning: the L1 or L2 norm of each slice along one axis
// (an output channel of a Conv weight [Cout, Cin, kh, kw] is axis 0; a MatMul weight [K, N]
// has its output channels on axis 1). Sums run in double, one channel per thread at a time in
// a fixed order, so the result does not depend on the thread count.
#include <napi.h>

#include <cmath>
#include <cstdint>

#include "async_task.h"
#include "parallel.h"
#include "registry.h"
#include "typed_array_args.h"

namespace edgepress {
namespace {

void ChannelNorms(const float* data, double* out, size_t outer, size_t axis, size_t inner, int norm, int threads,
                  const CancelFlag& cancel) {
  ParallelFor(threads, axis, [&](size_t first, size_t last) {
    for (size_t c = first; c < last; ++c) {
      cancel.ThrowIfCancelled();
      double sum = 0.0;
      for (size_t o = 0; o < outer; ++o) {
        const float* slice = data + (o * axis + c) * inner;
        if (norm == 1) {
          for (size_t i = 0; i < inner; ++i) sum += std::fabs(static_cast<double>(slice[i]));
        } else {
          for (size_t i = 0; i < inner; ++i) sum += static_cast<double>(slice[i]) * slice[i];
        }
      }
      out[c] = norm == 1 ? sum : std::sqrt(sum);
    }
  });
}

Napi::Value ChannelImportance(const Napi::CallbackInfo& info) {
  // (data, out: Float64Array[axis], outer, axis, inner, norm (1 | 2), threads, cancel)
  const ArraySpan<float> data = TypedArrayArg<float>(info, 0);
  const ArraySpan<double> out = TypedArrayArg<double>(info, 1);
  const size_t outer = SizeArg(info, 2), axis = SizeArg(info, 3), inner = SizeArg(info, 4);
  const int norm = static_cast<int>(SizeArg(info, 5));
  const int threads = ThreadsArg(info, 6);
  if (outer * axis * inner != data.size || out.size != axis || (norm != 1 && norm != 2)) {
    throw Napi::RangeError::New(info.Env(), "channelImportance: inconsistent arguments");
  }
  AsyncTask* task = AsyncTask::Create(info.Env(), info[7], {info[0], info[1]});
  return task->Run(
      [=](const CancelFlag& cancel) { ChannelNorms(data.data, out.data, outer, axis, inner, norm, threads, cancel); },
      [](Napi::Env env) -> Napi::Value { return env.Undefined(); });
}

void InitSparseChannelImportance(Napi::Env env, Napi::Object exports) {
  exports.Set("channelImportance", Napi::Function::New(env, ChannelImportance, "channelImportance"));
}

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitSparseChannelImportance);

}  // namespace edgepress
