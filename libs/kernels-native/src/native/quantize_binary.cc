// Binary and ternary quantization with one scale per channel (or per tensor).
//   binary:  code = +1 if x >= 0 else -1;            scale = mean |x|             (XNOR-Net)
//   ternary: code = sign(x) if |x| > t else 0;       t = float(ratio * mean |x|) (TWN, ratio 0.7),
//            scale = mean |x| over the non-zero codes (0 when there are none)
// Given thresholds or scales replace the computed ones. Channels are the `axis` slices of the
// [outer, channels, inner] view. Each channel's sums run in element order in double precision,
// so results do not depend on the thread count. dequantize: y = code * scale[channel].
#include <napi.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "async_task.h"
#include "gemm_worker_pool.h"
#include "quantize_napi.h"
#include "registry.h"

namespace edgepress {

namespace {

struct Channels {
  size_t outer, count, inner;
  size_t elements() const { return outer * count * inner; }
  // body(channel, index) for every element of channels [c0, c1), per channel in element order.
  template <typename Body>
  void Visit(size_t c0, size_t c1, Body body) const {
    for (size_t o = 0; o < outer; ++o) {
      for (size_t c = c0; c < c1; ++c) {
        const size_t base = (o * count + c) * inner;
        for (size_t i = 0; i < inner; ++i) body(c, base + i);
      }
    }
  }
};

Channels ReadChannels(const Napi::Object& args) {
  Channels ch{GetSize(args, "outer"), GetSize(args, "axisDim"), GetSize(args, "inner")};
  if (ch.outer == 0 || ch.count == 0 || ch.inner == 0) throw Napi::Error::New(args.Env(), "native sign quantization: empty tensor");
  CheckedMul(args.Env(), CheckedMul(args.Env(), ch.outer, ch.count), ch.inner);
  return ch;
}

template <typename Body>
void ForChannelChunks(const Channels& ch, int threads, const CancelFlag& cancel, Body body) {
  const size_t per_channel = ch.outer * ch.inner;
  const size_t chunk = std::max<size_t>(1, (size_t{1} << 16) / per_channel);
  const size_t units = (ch.count + chunk - 1) / chunk;
  const int useful = static_cast<int>(std::min<size_t>(static_cast<size_t>(threads), std::max<size_t>(1, ch.elements() >> 17)));
  RunOnWorkerPool(useful, units, [&](size_t u) {
    cancel.ThrowIfCancelled();
    body(u * chunk, std::min(ch.count, (u + 1) * chunk));
  });
}

Napi::Value SignQuantize(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object args = info[0].As<Napi::Object>();
  const Channels ch = ReadChannels(args);
  auto x = GetTypedArray<float>(args, "x", ch.elements());
  const bool ternary = GetBool(args, "ternary");
  const double ratio = args.Get("thresholdRatio").IsNumber() ? args.Get("thresholdRatio").As<Napi::Number>().DoubleValue() : 0.7;
  auto given_threshold = GetTypedArray<float>(args, "threshold", ch.count, true);
  auto given_scale = GetTypedArray<float>(args, "scale", ch.count, true);
  const int threads = GetThreads(args);
  Napi::Int8Array codes = Napi::Int8Array::New(env, ch.elements());
  Napi::Float32Array scales = Napi::Float32Array::New(env, ch.count);
  Napi::Float32Array thresholds = Napi::Float32Array::New(env, ch.count);
  Napi::Object result = Napi::Object::New(env);
  result.Set("codes", codes);
  result.Set("scale", scales);
  if (ternary) result.Set("threshold", thresholds);
  int8_t* q = codes.Data();
  float* s = scales.Data();
  float* t = thresholds.Data();

  auto* task = AsyncTask::Create(env, args.Get("cancel"), {x.value, given_threshold.value, given_scale.value, result});
  return task->Run(
      [=](const CancelFlag& cancel) {
        const double per_channel = static_cast<double>(ch.outer * ch.inner);
        ForChannelChunks(ch, threads, cancel, [&](size_t c0, size_t c1) {
          std::vector<double> abs_sum(c1 - c0, 0.0), kept_sum(c1 - c0, 0.0), kept(c1 - c0, 0.0);
          std::vector<double> threshold(c1 - c0, 0.0);
          ch.Visit(c0, c1, [&](size_t c, size_t i) {
            const float v = x.data[i];
            if (!std::isfinite(v)) throw KernelArgumentError("Expected finite values in x but x[" + std::to_string(i) + "] is " + std::to_string(v));
            abs_sum[c - c0] += std::fabs(static_cast<double>(v));
          });
          for (size_t c = c0; c < c1; ++c) {
            // Rounded to float first, so that the returned threshold reproduces the codes.
            threshold[c - c0] = given_threshold.data ? given_threshold.data[c] : static_cast<float>(ratio * (abs_sum[c - c0] / per_channel));
          }
          ch.Visit(c0, c1, [&](size_t c, size_t i) {
            const double v = x.data[i];
            if (!ternary) {
              q[i] = v >= 0 ? 1 : -1;
              return;
            }
            const bool keep = std::fabs(v) > threshold[c - c0];
            q[i] = keep ? (v > 0 ? 1 : -1) : 0;
            if (keep) {
              kept_sum[c - c0] += std::fabs(v);
              kept[c - c0] += 1;
            }
          });
          for (size_t c = c0; c < c1; ++c) {
            double scale = ternary ? (kept[c - c0] > 0 ? kept_sum[c - c0] / kept[c - c0] : 0.0) : abs_sum[c - c0] / per_channel;
            s[c] = given_scale.data ? given_scale.data[c] : static_cast<float>(scale);
            t[c] = static_cast<float>(threshold[c - c0]);
          }
        });
      },
      [kept = KeepForFinish(result)](Napi::Env) -> Napi::Value { return kept->Value(); });
}

Napi::Value SignDequantize(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object args = info[0].As<Napi::Object>();
  const Channels ch = ReadChannels(args);
  auto codes = GetTypedArray<int8_t>(args, "codes", ch.elements());
  auto scale = GetTypedArray<float>(args, "scale", ch.count);
  const int threads = GetThreads(args);
  Napi::Float32Array out = Napi::Float32Array::New(env, ch.elements());
  float* y = out.Data();
  auto* task = AsyncTask::Create(env, args.Get("cancel"), {codes.value, scale.value, out});
  return task->Run(
      [=](const CancelFlag& cancel) {
        ForChannelChunks(ch, threads, cancel, [&](size_t c0, size_t c1) {
          ch.Visit(c0, c1, [&](size_t c, size_t i) { y[i] = static_cast<float>(codes.data[i]) * scale.data[c]; });
        });
      },
      [kept = KeepForFinish(out)](Napi::Env) -> Napi::Value { return kept->Value(); });
}

void InitQuantizeBinary(Napi::Env env, Napi::Object exports) {
  exports.Set("signQuantize", Napi::Function::New(env, SignQuantize, "signQuantize"));
  exports.Set("signDequantize", Napi::Function::New(env, SignDequantize, "signDequantize"));
}

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitQuantizeBinary);

}  // namespace edgepress
