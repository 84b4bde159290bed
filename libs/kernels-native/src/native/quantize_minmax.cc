// Minimum and maximum of every scale group of a tensor (per tensor, per axis or per block, see
// quantize_geometry.h): the input of computeQuantParams when weights are quantized directly.
#include <napi.h>

#include <algorithm>
#include <limits>
#include <mutex>
#include <string>
#include <vector>

#include "async_task.h"
#include "quantize_geometry.h"
#include "quantize_napi.h"
#include "quantize_rows.h"
#include "registry.h"

namespace edgepress {

namespace {

Napi::Value MinMaxLinear(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object args = info[0].As<Napi::Object>();
  Geometry g = ReadGeometry(args);
  const size_t n = g.elements(), groups = g.scale_count();
  auto x = GetTypedArray<float>(args, "x", n);
  const int threads = GetThreads(args);
  Napi::Float32Array min_out = Napi::Float32Array::New(env, groups);
  Napi::Float32Array max_out = Napi::Float32Array::New(env, groups);
  float* lo = min_out.Data();
  float* hi = max_out.Data();
  Napi::Object result = Napi::Object::New(env);
  result.Set("min", min_out);
  result.Set("max", max_out);

  auto* task = AsyncTask::Create(env, args.Get("cancel"), {x.value, result});
  return task->Run(
      [=](const CancelFlag& cancel) {
        std::fill(lo, lo + groups, std::numeric_limits<float>::infinity());
        std::fill(hi, hi + groups, -std::numeric_limits<float>::infinity());
        std::mutex merge;
        bool nan_seen = false;
        // Each thread reduces its units into its own arrays, merged once under the lock.
        const size_t group = std::max<size_t>(1, (1 << 16) / g.unit_elements());
        ParallelFor(ThreadsFor(threads, n), g.units(), [&](size_t begin, size_t end) {
          std::vector<float> local_lo(groups, std::numeric_limits<float>::infinity());
          std::vector<float> local_hi(groups, -std::numeric_limits<float>::infinity());
          bool ok = true;
          for (size_t u = begin; u < end; ++u) {
            if ((u - begin) % group == 0) cancel.ThrowIfCancelled();
            g.ForEachSegment(u, [&](size_t offset, size_t length, size_t p, RowParams mode) {
              const float* v = x.data + offset;
              if (mode == RowParams::kBroadcast) {
                float a, b;
                ok &= MinMaxRow(v, length, &a, &b);
                local_lo[p] = std::min(local_lo[p], a);
                local_hi[p] = std::max(local_hi[p], b);
                return;
              }
              for (size_t i = 0; i < length; ++i) {
                ok &= v[i] == v[i];
                local_lo[p + i] = std::min(local_lo[p + i], v[i]);
                local_hi[p + i] = std::max(local_hi[p + i], v[i]);
              }
            });
          }
          std::lock_guard<std::mutex> lock(merge);
          nan_seen |= !ok;
          for (size_t i = 0; i < groups; ++i) {
            lo[i] = std::min(lo[i], local_lo[i]);
            hi[i] = std::max(hi[i], local_hi[i]);
          }
        });
        if (nan_seen) {
          throw KernelArgumentError("Expected x to hold no NaN but x[" + std::to_string(FirstNaN(x.data, n)) + "] is NaN");
        }
      },
      [kept = KeepForFinish(result)](Napi::Env) -> Napi::Value { return kept->Value(); });
}

void InitQuantizeMinMax(Napi::Env env, Napi::Object exports) {
  exports.Set("minMaxLinear", Napi::Function::New(env, MinMaxLinear, "minMaxLinear"));
}

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitQuantizeMinMax);

}  // namespace edgepress
