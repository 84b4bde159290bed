#pragma once

namespace edgepress {

// True when the running CPU can execute the AVX2+FMA kernels (x86 only; false elsewhere).
bool HasAvx2Fma();

}  // namespace edgepress
