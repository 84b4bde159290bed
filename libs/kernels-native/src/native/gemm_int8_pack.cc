// packInt8Weights: B [K, N] int8 -> the panel layout of gemm_int8_layout.h.
#include <napi.h>

#include <cstring>

#include "async_task.h"
#include "gemm_int8_layout.h"
#include "parallel.h"
#include "quantize_napi.h"
#include "registry.h"

namespace edgepress {

void PackInt8Panels(const int8_t* b, const PackedInt8Layout& layout, size_t panel_begin, size_t panel_end, uint8_t* out) {
  int32_t* sums = reinterpret_cast<int32_t*>(out + layout.weight_bytes());
  for (size_t p = panel_begin; p < panel_end; ++p) {
    uint8_t* panel = out + p * layout.panel_bytes();
    std::memset(panel, 0, layout.panel_bytes());
    size_t col0 = p * kPanelWidth;
    size_t cols = layout.n - col0 < kPanelWidth ? layout.n - col0 : kPanelWidth;
    int32_t colsum[kPanelWidth] = {0};
    for (size_t k = 0; k < layout.k; ++k) {
      const int8_t* row = b + k * layout.n + col0;
      uint8_t* group = panel + (k / 4) * 64 + (k % 4);
      for (size_t c = 0; c < cols; ++c) {
        group[c * 4] = static_cast<uint8_t>(row[c]);
        colsum[c] += row[c];
      }
    }
    std::memcpy(sums + col0, colsum, sizeof(colsum));
  }
}

namespace {

Napi::Value PackInt8Weights(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object args = info[0].As<Napi::Object>();
  const size_t k = GetSize(args, "k"), n = GetSize(args, "n");
  if (k == 0 || n == 0) throw Napi::Error::New(env, "native packInt8Weights: empty matrix");
  auto b = GetTypedArray<int8_t>(args, "b", CheckedMul(env, k, n));
  const int threads = GetThreads(args);
  const PackedInt8Layout layout = PackedInt8Layout::For(k, n);
  Napi::Uint8Array out = Napi::Uint8Array::New(env, layout.total_bytes());
  uint8_t* dest = out.Data();
  auto* task = AsyncTask::Create(env, args.Get("cancel"), {b.value, out});
  return task->Run(
      [=](const CancelFlag& cancel) {
        int useful = static_cast<int>(std::min<size_t>(static_cast<size_t>(threads), std::max<size_t>(1, k * n / (1 << 18))));
        ParallelFor(useful, layout.panels, [&](size_t begin, size_t end) {
          for (size_t p = begin; p < end; p += 8) {
            cancel.ThrowIfCancelled();
            PackInt8Panels(b.data, layout, p, std::min(end, p + 8), dest);
          }
        });
      },
      [kept = KeepForFinish(out)](Napi::Env) -> Napi::Value { return kept->Value(); });
}

void InitGemmInt8Pack(Napi::Env env, Napi::Object exports) {
  exports.Set("packInt8Weights", Napi::Function::New(env, PackInt8Weights, "packInt8Weights"));
}

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitGemmInt8Pack);

}  // namespace edgepress
