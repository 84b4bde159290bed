// The Calibrator class for JavaScript: one CalibrationHistogram per instance, fed batch by batch
// on the libuv pool, queried for clipping ranges. A mutex serialises the native state (the
// TypeScript class also queues calls, so JavaScript never waits on it).
#include <napi.h>

#include <memory>
#include <mutex>

#include "async_task.h"
#include "calibrate_histogram.h"
#include "calibrate_thresholds.h"
#include "quantize_napi.h"
#include "registry.h"

namespace edgepress {

namespace {

class NativeCalibrator : public Napi::ObjectWrap<NativeCalibrator> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Calibrator",
                       {InstanceMethod("update", &NativeCalibrator::Update), InstanceMethod("range", &NativeCalibrator::Range),
                        InstanceMethod("histogram", &NativeCalibrator::Histogram), InstanceMethod("stats", &NativeCalibrator::Stats)});
  }

  explicit NativeCalibrator(const Napi::CallbackInfo& info)
      : Napi::ObjectWrap<NativeCalibrator>(info), state_(std::make_shared<State>(BinsArgument(info))) {}

 private:
  struct State {
    explicit State(size_t bins) : histogram(bins) {}
    std::mutex mutex;
    CalibrationHistogram histogram;
  };

  static size_t BinsArgument(const Napi::CallbackInfo& info) {
    const double bins = info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : 0;
    if (!(bins >= 2 && bins <= (1 << 20)) || bins != static_cast<double>(static_cast<size_t>(bins))) {
      throw Napi::Error::New(info.Env(), "native Calibrator: invalid bin count");
    }
    return static_cast<size_t>(bins);
  }

  Napi::Value Update(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Napi::Object args = info[0].As<Napi::Object>();
    Napi::Value batch_value = args.Get("batch");
    if (!batch_value.IsTypedArray() || batch_value.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
      throw Napi::Error::New(env, "native Calibrator.update: batch must be a Float32Array");
    }
    Napi::Float32Array batch = batch_value.As<Napi::Float32Array>();
    const float* data = batch.Data();
    const size_t n = batch.ElementLength();
    const int threads = GetThreads(args);
    std::shared_ptr<State> state = state_;
    auto* task = AsyncTask::Create(env, args.Get("cancel"), {batch, info.This()});
    return task->Run(
        [=](const CancelFlag& cancel) {
          std::lock_guard<std::mutex> lock(state->mutex);
          state->histogram.Update(data, n, threads, cancel);
        },
        [](Napi::Env env) -> Napi::Value { return env.Undefined(); });
  }

  Napi::Value Range(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Napi::Object args = info[0].As<Napi::Object>();
    RangeRequest request;
    const int32_t method = GetInt32(args, "method");
    request.symmetric = GetBool(args, "symmetric");
    request.percentile = args.Get("percentile").IsNumber() ? args.Get("percentile").As<Napi::Number>().DoubleValue() : 99.99;
    request.bits = GetInt32(args, "bits");
    if (method < 0 || method > 3 || request.bits < 2 || request.bits > 8 || !(request.percentile >= 50 && request.percentile <= 100)) {
      throw Napi::Error::New(env, "native Calibrator.range: invalid request");
    }
    request.method = static_cast<CalibrationMethod>(method);
    std::shared_ptr<State> state = state_;
    auto range = std::make_shared<ClipRange>();
    auto* task = AsyncTask::Create(env, args.Get("cancel"), {info.This()});
    return task->Run(
        [=](const CancelFlag&) {
          std::lock_guard<std::mutex> lock(state->mutex);
          *range = ChooseRange(state->histogram, request);
        },
        [range](Napi::Env env) -> Napi::Value {
          Napi::Object result = Napi::Object::New(env);
          result.Set("min", Napi::Number::New(env, range->min));
          result.Set("max", Napi::Number::New(env, range->max));
          return result;
        });
  }

  static Napi::Value Side(Napi::Env env, const HistogramSide& side) {
    Napi::Float64Array counts = Napi::Float64Array::New(env, side.counts.size());
    std::copy(side.counts.begin(), side.counts.end(), counts.Data());
    Napi::Object result = Napi::Object::New(env);
    result.Set("counts", counts);
    result.Set("binWidth", Napi::Number::New(env, side.width()));
    result.Set("seen", Napi::Boolean::New(env, side.seen));
    return result;
  }

  Napi::Value Histogram(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    std::lock_guard<std::mutex> lock(state_->mutex);
    const CalibrationHistogram& h = state_->histogram;
    Napi::Object result = Napi::Object::New(env);
    result.Set("positive", Side(env, h.positive()));
    result.Set("negative", Side(env, h.negative()));
    result.Set("count", Napi::Number::New(env, h.count()));
    result.Set("min", Napi::Number::New(env, h.min()));
    result.Set("max", Napi::Number::New(env, h.max()));
    return result;
  }

  Napi::Value Stats(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    std::lock_guard<std::mutex> lock(state_->mutex);
    const CalibrationHistogram& h = state_->histogram;
    Napi::Object result = Napi::Object::New(env);
    result.Set("count", Napi::Number::New(env, h.count()));
    result.Set("min", Napi::Number::New(env, h.min()));
    result.Set("max", Napi::Number::New(env, h.max()));
    result.Set("bins", Napi::Number::New(env, static_cast<double>(h.bins())));
    result.Set("stateBytes", Napi::Number::New(env, static_cast<double>(h.StateBytes() + sizeof(State))));
    return result;
  }

  std::shared_ptr<State> state_;
};

void InitCalibrator(Napi::Env env, Napi::Object exports) { exports.Set("Calibrator", NativeCalibrator::Define(env)); }

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitCalibrator);

}  // namespace edgepress
