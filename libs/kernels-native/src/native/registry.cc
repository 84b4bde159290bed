#include "registry.h"

#include <vector>

namespace edgepress {

static std::vector<FamilyInit>& Families() {
  static std::vector<FamilyInit> families;
  return families;
}

bool RegisterFamily(FamilyInit init) {
  Families().push_back(init);
  return true;
}

void InitAllFamilies(Napi::Env env, Napi::Object exports) {
  for (FamilyInit init : Families()) init(env, exports);
}

}  // namespace edgepress
