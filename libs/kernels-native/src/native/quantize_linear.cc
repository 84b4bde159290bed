// QuantizeLinear / DequantizeLinear (ONNX opset 21 semantics) for int8, uint8, int4 and uint4,
// per tensor, per axis and block-wise. The tensor is viewed as [outer, axis_dim, inner]; the
// scale (and zero point) has 1, axis_dim, or outer * ceil(axis_dim / block) * inner entries.
// 4-bit results are packed two per byte in ONNX order (see quantize_rows.h).
#include <napi.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "async_task.h"
#include "parallel.h"
#include "quantize_geometry.h"
#include "quantize_napi.h"
#include "quantize_result.h"
#include "quantize_rows.h"
#include "registry.h"

namespace edgepress {

namespace {

Napi::Value QuantizeLinear(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object args = info[0].As<Napi::Object>();
  Geometry g = ReadGeometry(args);
  const size_t n = g.elements();
  auto x = GetTypedArray<float>(args, "x", n);
  auto scale = GetTypedArray<float>(args, "scale", g.scale_count());
  auto zp = GetTypedArray<int32_t>(args, "zeroPoint", g.scale_count(), true);
  const int32_t qmin = GetInt32(args, "qmin"), qmax = GetInt32(args, "qmax");
  const int32_t bits = GetInt32(args, "bits");
  if ((bits != 8 && bits != 4) || qmin > qmax || qmin < (bits == 8 ? -128 : -8) || qmax > (bits == 8 ? 255 : 15)) {
    throw Napi::Error::New(env, "native quantization range is invalid");
  }
  const bool is_signed = qmin < 0;
  const int threads = GetThreads(args);
  const size_t out_bytes = bits == 8 ? n : (n + 1) / 2;
  const napi_typedarray_type out_type = is_signed && bits == 8 ? napi_int8_array : napi_uint8_array;
  auto out = std::make_shared<NativeResult>();
  // The caller's output array (TypeScript checked its type, length and that it shares no memory with x), if any.
  const bool given = !args.Get("out").IsUndefined();
  const ByteArrayView given_out = given ? GetByteArray(args, "out", out_bytes) : ByteArrayView{};
  std::shared_ptr<Napi::Reference<Napi::Value>> kept_out;
  if (given) kept_out = KeepForFinish(given_out.value);

  auto* task = AsyncTask::Create(env, args.Get("cancel"), {x.value, scale.value, zp.value, given_out.value});
  return task->Run(
      [=](const CancelFlag& cancel) {
        if (!given) out->Allocate(out_bytes);
        uint8_t* y = given ? given_out.data : static_cast<uint8_t*>(out->data());
        std::vector<uint8_t> scratch(bits == 4 ? n : 0);
        uint8_t* dest = bits == 4 ? scratch.data() : y;
        std::vector<char> nan_seen(1, 0);
        ForUnits(g, threads, cancel, [&](size_t begin, size_t end) {
          bool ok = true;
          for (size_t u = begin; u < end; ++u) {
            g.ForEachSegment(u, [&](size_t offset, size_t length, size_t p, RowParams mode) {
              ok &= QuantizeRow(x.data + offset, length, scale.data + p, zp.data ? zp.data + p : nullptr, mode, qmin, qmax,
                                dest + offset);
            });
          }
          if (!ok) __atomic_store_n(&nan_seen[0], 1, __ATOMIC_RELAXED);
        });
        if (nan_seen[0]) {
          throw KernelArgumentError("Expected x to hold no NaN but x[" + std::to_string(FirstNaN(x.data, n)) + "] is NaN");
        }
        if (bits == 4) {
          ForPackedBytes(out_bytes, threads, [&](size_t begin, size_t end) {
            size_t last = std::min(n, end * 2);
            PackNibbles(dest + begin * 2, last - begin * 2, y + begin);
          });
        }
      },
      [out, out_type, out_bytes, kept_out](Napi::Env env) -> Napi::Value {
        return kept_out ? kept_out->Value() : Napi::Value(out->Release(env, out_type, out_bytes));
      });
}

Napi::Value DequantizeLinear(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object args = info[0].As<Napi::Object>();
  Geometry g = ReadGeometry(args);
  const size_t n = g.elements();
  const int32_t bits = GetInt32(args, "bits");
  if (bits != 8 && bits != 4) throw Napi::Error::New(env, "native dequantization bits are invalid");
  auto x = GetByteArray(args, "x", bits == 8 ? n : (n + 1) / 2);
  const bool is_signed = GetBool(args, "signed");
  auto scale = GetTypedArray<float>(args, "scale", g.scale_count());
  auto zp = GetTypedArray<int32_t>(args, "zeroPoint", g.scale_count(), true);
  const int threads = GetThreads(args);
  auto out = std::make_shared<NativeResult>();

  auto* task = AsyncTask::Create(env, args.Get("cancel"), {x.value, scale.value, zp.value});
  return task->Run(
      [=](const CancelFlag& cancel) {
        out->Allocate(n * sizeof(float));
        float* y = static_cast<float*>(out->data());
        std::vector<uint8_t> scratch(bits == 4 ? n : 0);
        const uint8_t* source = x.data;
        if (bits == 4) {
          ForPackedBytes((n + 1) / 2, threads, [&](size_t begin, size_t end) {
            size_t last = std::min(n, end * 2);
            UnpackNibbles(x.data + begin, last - begin * 2, is_signed, scratch.data() + begin * 2);
          });
          source = scratch.data();
        }
        ForUnits(g, threads, cancel, [&](size_t begin, size_t end) {
          for (size_t u = begin; u < end; ++u) {
            g.ForEachSegment(u, [&](size_t offset, size_t length, size_t p, RowParams mode) {
              DequantizeRow(source + offset, is_signed, length, scale.data + p, zp.data ? zp.data + p : nullptr, mode,
                            y + offset);
            });
          }
        });
      },
      [out, n](Napi::Env env) -> Napi::Value { return out->Release(env, napi_float32_array, n); });
}

void InitQuantizeLinear(Napi::Env env, Napi::Object exports) {
  exports.Set("quantizeLinear", Napi::Function::New(env, QuantizeLinear, "quantizeLinear"));
  exports.Set("dequantizeLinear", Napi::Function::New(env, DequantizeLinear, "dequantizeLinear"));
}

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitQuantizeLinear);

}  // namespace edgepress
