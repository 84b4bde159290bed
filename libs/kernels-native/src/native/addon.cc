// Module entry: registers every operator family. Each family lives in its own file and exposes
// an Init function that adds its exports.
#include <napi.h>

#include "cpu_features.h"

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports) {
  edgepress::InitCpuFeatures(env, exports);
  return exports;
}

NODE_API_MODULE(edgepress_kernels, InitAddon)
