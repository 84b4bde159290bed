#include "cpu_features.h"

#include <napi.h>

#include <thread>

#include "registry.h"

namespace edgepress {

bool HasAvx2Fma() {
#if defined(__x86_64__) || defined(__i386__)
  static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return has;
#else
  return false;
#endif
}

bool HasAvx512F() {
#if defined(__x86_64__)
  static const bool has = __builtin_cpu_supports("avx512f");
  return has;
#else
  return false;
#endif
}

bool HasAvx512Vnni() {
#if defined(__x86_64__)
  static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") &&
                          __builtin_cpu_supports("avx512vnni");
  return has;
#else
  return false;
#endif
}

static Napi::Value CpuFeatures(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object result = Napi::Object::New(env);
  result.Set("avx2", Napi::Boolean::New(env, HasAvx2Fma()));
  result.Set("hardwareThreads", Napi::Number::New(env, std::thread::hardware_concurrency()));
  return result;
}

static void InitCpuFeatures(Napi::Env env, Napi::Object exports) {
  exports.Set("cpuFeatures", Napi::Function::New(env, CpuFeatures, "cpuFeatures"));
}

EDGEPRESS_REGISTER_FAMILY(InitCpuFeatures);

}  // namespace edgepress
