#pragma once

namespace edgepress {

// True when the running CPU can execute the AVX2+FMA kernels (x86 only; false elsewhere).
bool HasAvx2Fma();

// True when the running CPU can execute AVX-512F kernels (x86 only; false elsewhere).
bool HasAvx512F();

}  // namespace edgepress
