// N:M structured sparsity: in every group of M consecutive elements along one axis, keep the N
// of largest magnitude (2:4 and 4:8 are what sparse tensor cores run). Ties keep the element
// that comes first along the axis, so the mask is a pure function of the values.
//
// The tensor is seen as [outer, axis, inner]; TypeScript checked that M divides the axis.
#include <napi.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "async_task.h"
#include "parallel.h"
#include "registry.h"
#include "typed_array_args.h"

namespace edgepress {
namespace {

inline uint32_t MagnitudeKey(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits & 0x7fffffffu;
}

void NmMask(const float* data, float* out, uint8_t* mask, size_t outer, size_t axis, size_t inner, int n, int m,
            int threads, const CancelFlag& cancel) {
  const size_t groups_per_row = axis / static_cast<size_t>(m);
  ParallelFor(threads, outer * groups_per_row, [&](size_t first, size_t last) {
    uint32_t keys[16];
    for (size_t g = first; g < last; ++g) {
      if ((g & 1023) == 0) cancel.ThrowIfCancelled();
      const size_t o = g / groups_per_row;
      const size_t start = (o * axis + (g % groups_per_row) * m) * inner;
      for (size_t i = 0; i < inner; ++i) {
        const size_t base = start + i;
        for (int j = 0; j < m; ++j) {
          keys[j] = MagnitudeKey(data[base + j * inner]);
          if (keys[j] > 0x7f800000u) {
            throw KernelArgumentError("tensor holds NaN at element " + std::to_string(base + j * inner));
          }
        }
        for (int j = 0; j < m; ++j) {
          int rank = 0;  // elements that beat element j: larger, or equal and earlier
          for (int l = 0; l < m; ++l) rank += keys[l] > keys[j] || (keys[l] == keys[j] && l < j);
          const bool keep = rank < n;
          const size_t at = base + j * inner;
          mask[at] = keep ? 1 : 0;
          out[at] = keep ? data[at] : 0.0f;
        }
      }
    }
  });
}

Napi::Value NmMaskBinding(const Napi::CallbackInfo& info) {
  // (data, out, mask, outer, axis, inner, n, m, threads, cancel)
  const ArraySpan<float> data = TypedArrayArg<float>(info, 0);
  const ArraySpan<float> out = TypedArrayArg<float>(info, 1);
  const ArraySpan<uint8_t> mask = TypedArrayArg<uint8_t>(info, 2);
  const size_t outer = SizeArg(info, 3), axis = SizeArg(info, 4), inner = SizeArg(info, 5);
  const int n = static_cast<int>(SizeArg(info, 6)), m = static_cast<int>(SizeArg(info, 7));
  const int threads = ThreadsArg(info, 8);
  if (m < 2 || m > 16 || n < 1 || n >= m || axis % m != 0 || outer * axis * inner != data.size ||
      out.size != data.size || mask.size != data.size) {
    throw Napi::RangeError::New(info.Env(), "nmMask: inconsistent arguments");
  }
  AsyncTask* task = AsyncTask::Create(info.Env(), info[9], {info[0], info[1], info[2]});
  return task->Run(
      [=](const CancelFlag& cancel) { NmMask(data.data, out.data, mask.data, outer, axis, inner, n, m, threads, cancel); },
      [](Napi::Env env) -> Napi::Value { return env.Undefined(); });
}

void InitSparseNmMask(Napi::Env env, Napi::Object exports) {
  exports.Set("nmMask", Napi::Function::New(env, NmMaskBinding, "nmMask"));
}

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitSparseNmMask);

}  // namespace edgepress
