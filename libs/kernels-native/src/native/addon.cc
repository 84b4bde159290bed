// Module entry. Operator families register themselves (registry.h); nothing else lives here.
#include <napi.h>

#include "registry.h"

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports) {
  edgepress::InitAllFamilies(env, exports);
  return exports;
}

NODE_API_MODULE(edgepress_kernels, InitAddon)
