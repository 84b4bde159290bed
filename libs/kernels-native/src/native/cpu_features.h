#pragma once
#include <napi.h>

namespace edgepress {

// True when the running CPU can execute the AVX2+FMA kernels.
bool HasAvx2Fma();

void InitCpuFeatures(Napi::Env env, Napi::Object exports);

}  // namespace edgepress
