// matmulNBits entry point: MatMulNBits (4 bits) over a float A, panels of 32 (AVX-512) or 16
// output columns as units of work on the worker pool (see gemm_int4_kernel.h for the layout and
// the math).
#include <napi.h>

#include <algorithm>
#include <vector>

#include "async_task.h"
#include "cpu_features.h"
#include "gemm_int4_kernel.h"
#include "gemm_worker_pool.h"
#include "quantize_napi.h"
#include "quantize_result.h"
#include "registry.h"

namespace edgepress {

namespace {

constexpr size_t kMacsPerThread = size_t{1} << 21;
// Products of at most this many multiply-adds run on the JavaScript thread (see AsyncTask::Run):
// about half a millisecond on one core for the AVX-512 GEMV (M = 1, K = N = 4096: 0.57 ms).
constexpr size_t kInlineMacs = size_t{1} << 24;

Napi::Value MatMulNBits(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object args = info[0].As<Napi::Object>();
  Int4Problem p;
  p.m = GetSize(args, "m");
  p.b.k = GetSize(args, "k");
  p.b.n = GetSize(args, "n");
  p.b.block = GetSize(args, "blockSize");
  if (p.m == 0 || p.b.k == 0 || p.b.n == 0 || p.b.block < 2 || p.b.block % 2 != 0) {
    throw Napi::Error::New(env, "native matmulNBits: invalid sizes");
  }
  p.b.blocks = (p.b.k + p.b.block - 1) / p.b.block;
  CheckedMul(env, CheckedMul(env, p.m, p.b.k), p.b.n);
  auto a = GetTypedArray<float>(args, "a", p.m * p.b.k);
  auto data = GetTypedArray<uint8_t>(args, "b", CheckedMul(env, p.b.n * p.b.blocks, p.b.block / 2));
  auto scales = GetTypedArray<float>(args, "scales", p.b.n * p.b.blocks);
  auto zero_points = GetTypedArray<uint8_t>(args, "zeroPoints", p.b.n * ((p.b.blocks + 1) / 2), true);
  auto bias = GetTypedArray<float>(args, "bias", p.b.n, true);
  const int32_t kernel = GetInt32(args, "kernel");  // 0 auto, 1 portable, 2 AVX2, 3 AVX-512
  if (kernel < 0 || kernel > 3 || (kernel == 2 && !HasAvx2Fma()) || (kernel == 3 && !HasAvx512())) {
    throw Napi::Error::New(env, "native matmulNBits: kernel not available");
  }
  p.isa = kernel == 1 ? Int4Isa::kPortable
        : kernel == 2 ? Int4Isa::kAvx2
        : kernel == 3 || HasAvx512() ? Int4Isa::kAvx512
        : HasAvx2Fma() ? Int4Isa::kAvx2
                       : Int4Isa::kPortable;
  p.a = a.data;
  p.b.data = data.data;
  p.b.scales = scales.data;
  p.b.zero_points = zero_points.data;
  p.bias = bias.data;
  const int threads = GetThreads(args);
  auto out = std::make_shared<NativeResult>();

  auto* task = AsyncTask::Create(env, args.Get("cancel"), {a.value, data.value, scales.value, zero_points.value, bias.value});
  return task->Run(
      [=](const CancelFlag& cancel) mutable {
        out->Allocate(p.m * p.b.n * sizeof(float));
        p.y = static_cast<float*>(out->data());
        const size_t width = Int4PanelWidth(p.isa);
        const size_t panels = (p.b.n + width - 1) / width;
        // A few rows are bound by reading B: decode each block in registers, no fp32 panel.
        const size_t weight_work = p.b.k * p.b.n * 4;
        const int useful = static_cast<int>(std::min<size_t>(
            static_cast<size_t>(threads), std::max<size_t>(1, std::max(p.m * p.b.k * p.b.n, weight_work) / kMacsPerThread)));
        if (p.m <= kFusedRows) {
          std::vector<float> even_odd;
          if (UsesEvenOddGemv(p)) {
            even_odd.resize(EvenOddFloats(p));
            SplitEvenOdd(p, even_odd.data());
            p.a_even_odd = even_odd.data();
          }
          constexpr size_t kColumnsPerUnit = 64;
          RunOnWorkerPool(useful, (p.b.n + kColumnsPerUnit - 1) / kColumnsPerUnit, [&](size_t unit) {
            cancel.ThrowIfCancelled();
            const size_t col = unit * kColumnsPerUnit;
            MultiplyInt4Fused(p, col, std::min(kColumnsPerUnit, p.b.n - col));
          });
          return;
        }
        RunOnWorkerPool(useful, panels, [&](size_t panel_index) {
          cancel.ThrowIfCancelled();
          thread_local std::vector<float> panel;
          panel.resize(p.b.k * width);
          const size_t col = panel_index * width;
          const size_t cols = std::min(width, p.b.n - col);
          DequantizeInt4Panel(p.b, p.isa, col, cols, panel.data());
          MultiplyInt4Panel(p, panel.data(), col, cols, cancel);
        });
      },
      [out, count = p.m * p.b.n](Napi::Env env) -> Napi::Value { return out->Release(env, napi_float32_array, count); },
      p.m * p.b.k * p.b.n <= kInlineMacs);
}

Napi::Value Int4Kernels(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object result = Napi::Object::New(env);
  result.Set("avx2", Napi::Boolean::New(env, HasAvx2Fma()));
  result.Set("avx512", Napi::Boolean::New(env, HasAvx512()));
  return result;
}

void InitGemmInt4(Napi::Env env, Napi::Object exports) {
  exports.Set("matmulNBits", Napi::Function::New(env, MatMulNBits, "matmulNBits"));
  exports.Set("int4Kernels", Napi::Function::New(env, Int4Kernels, "int4Kernels"));
}

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitGemmInt4);

}  // namespace edgepress
