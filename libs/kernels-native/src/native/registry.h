#pragma once
// Each operator family registers its exports from its own .cc file, so adding a family never
// touches addon.cc:   EDGEPRESS_REGISTER_FAMILY(InitQuantize);
#include <napi.h>

namespace edgepress {

using FamilyInit = void (*)(Napi::Env env, Napi::Object exports);

// Returns true so that it can initialise a static; called before the module's Init runs.
bool RegisterFamily(FamilyInit init);

void InitAllFamilies(Napi::Env env, Napi::Object exports);

}  // namespace edgepress

#define EDGEPRESS_REGISTER_FAMILY(init_fn) \
  static const bool edgepress_registered_##init_fn = ::edgepress::RegisterFamily(init_fn)
