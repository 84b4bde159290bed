// quantizeNBits: float weights W [K, N] (MatMul's B) -> MatMulNBits 4-bit blocks, round to
// nearest (half to even) per column and block of `block` values along K.
//   asymmetric: range widened to include 0, scale = (max - min) / 15, zero point
//               round(-min / scale) in [0, 15] (as computeQuantParams does for uint4);
//   symmetric:  zero point 8 (not stored), scale = max(-min / 8, max / 7) so that neither end
//               clips: the most negative value may use level -8.
// Arithmetic for the parameters in double, scales rounded to float; quantization divides by the
// float scale like QuantizeLinear. A block of zeros gets scale 1.
#include <napi.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "async_task.h"
#include "gemm_worker_pool.h"
#include "quantize_napi.h"
#include "registry.h"

namespace edgepress {

namespace {

constexpr size_t kColumns = 16;

struct BlockParams {
  float scale;
  int zero_point;
};

BlockParams ParamsFor(float lo, float hi, bool symmetric) {
  const double min = std::min<double>(lo, 0.0), max = std::max<double>(hi, 0.0);
  if (symmetric) {
    const double scale = std::max(-min / 8.0, max / 7.0);
    return scale < 1.1754943508222875e-38 ? BlockParams{1.0f, 8} : BlockParams{static_cast<float>(scale), 8};
  }
  const double scale = (max - min) / 15.0;
  if (scale < 1.1754943508222875e-38) return {1.0f, 0};
  const double zp = std::nearbyint(-min / scale);
  return {static_cast<float>(scale), static_cast<int>(std::min(15.0, std::max(0.0, zp)))};
}

Napi::Value QuantizeNBits(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object args = info[0].As<Napi::Object>();
  const size_t k = GetSize(args, "k"), n = GetSize(args, "n"), block = GetSize(args, "blockSize");
  if (k == 0 || n == 0 || block < 2 || block % 2 != 0) throw Napi::Error::New(env, "native quantizeNBits: invalid sizes");
  auto w = GetTypedArray<float>(args, "w", CheckedMul(env, k, n));
  const bool symmetric = GetBool(args, "symmetric");
  const int threads = GetThreads(args);
  const size_t blocks = (k + block - 1) / block, blob = block / 2, zp_bytes = (blocks + 1) / 2;
  Napi::Uint8Array data = Napi::Uint8Array::New(env, n * blocks * blob);
  Napi::Float32Array scales = Napi::Float32Array::New(env, n * blocks);
  Napi::Value zero_points = symmetric ? env.Undefined() : Napi::Uint8Array::New(env, n * zp_bytes);
  Napi::Object result = Napi::Object::New(env);
  result.Set("data", data);
  result.Set("scales", scales);
  result.Set("zeroPoints", zero_points);
  uint8_t* q = data.Data();
  float* s = scales.Data();
  uint8_t* z = symmetric ? nullptr : zero_points.As<Napi::Uint8Array>().Data();

  auto* task = AsyncTask::Create(env, args.Get("cancel"), {w.value, result});
  return task->Run(
      [=](const CancelFlag& cancel) {
        const size_t groups = (n + kColumns - 1) / kColumns;
        const int useful = static_cast<int>(std::min<size_t>(static_cast<size_t>(threads), std::max<size_t>(1, k * n / (1 << 18))));
        RunOnWorkerPool(useful, groups, [&](size_t g) {
          cancel.ThrowIfCancelled();
          const size_t col0 = g * kColumns, cols = std::min(kColumns, n - col0);
          std::vector<float> v(block);
          for (size_t j = 0; j < blocks; ++j) {
            const size_t k0 = j * block, count = std::min(block, k - k0);
            for (size_t c = 0; c < cols; ++c) {
              float lo = 0.0f, hi = 0.0f;
              for (size_t i = 0; i < count; ++i) {
                v[i] = w.data[(k0 + i) * n + col0 + c];
                if (!std::isfinite(v[i])) {
                  throw KernelArgumentError("Expected finite weights but w[" + std::to_string((k0 + i) * n + col0 + c) + "] is " +
                                            std::to_string(v[i]));
                }
                lo = std::min(lo, v[i]);
                hi = std::max(hi, v[i]);
              }
              const BlockParams params = ParamsFor(lo, hi, symmetric);
              const size_t col = col0 + c;
              s[col * blocks + j] = params.scale;
              if (z) {
                uint8_t& byte = z[col * zp_bytes + j / 2];
                byte = static_cast<uint8_t>((byte & (j % 2 ? 0x0F : 0xF0)) | (params.zero_point << ((j % 2) * 4)));
              }
              uint8_t* bytes = q + (col * blocks + j) * blob;
              std::memset(bytes, 0, blob);
              for (size_t i = 0; i < count; ++i) {
                float r = std::nearbyintf(v[i] / params.scale) + static_cast<float>(params.zero_point);
                int value = static_cast<int>(std::min(15.0f, std::max(0.0f, r)));
                bytes[i / 2] |= static_cast<uint8_t>(value << ((i % 2) * 4));
              }
            }
          }
        });
      },
      [kept = KeepForFinish(result)](Napi::Env) -> Napi::Value { return kept->Value(); });
}

void InitGemmInt4Quantize(Napi::Env env, Napi::Object exports) {
  exports.Set("quantizeNBits", Napi::Function::New(env, QuantizeNBits, "quantizeNBits"));
}

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitGemmInt4Quantize);

}  // namespace edgepress
