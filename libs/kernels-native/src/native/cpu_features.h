#pragma once

namespace edgepress {

// True when the running CPU can execute the AVX2+FMA kernels (x86 only; false elsewhere).
bool HasAvx2Fma();

// True when the running CPU can execute AVX-512F kernels (x86 only; false elsewhere).
bool HasAvx512F();

// True when the running CPU can execute AVX-512 VNNI int8 kernels (AVX512F, BW, VL and VNNI).
bool HasAvx512Vnni();

}  // namespace edgepress
