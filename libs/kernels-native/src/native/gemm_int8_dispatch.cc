// Which int8 kernel runs: AMX when the CPU and OS allow it, else AVX-512 VNNI, else AVX2, else the
// portable one.
#include "cpu_features.h"
#include "gemm_int8_kernel.h"

namespace edgepress {

bool Int8KernelAvailable(Int8Kernel kernel) {
  switch (kernel) {
    case Int8Kernel::kAuto:
    case Int8Kernel::kPortable:
      return true;
    case Int8Kernel::kAvx2:
      return HasAvx2Fma();
    case Int8Kernel::kAmx:
      return AmxInt8Usable();
    case Int8Kernel::kAvx512Vnni:
      return HasAvx512Vnni();
  }
  return false;
}

Int8Kernel ResolveInt8Kernel(Int8Kernel requested) {
  if (requested != Int8Kernel::kAuto) return requested;
  if (AmxInt8Usable()) return Int8Kernel::kAmx;
  if (HasAvx512Vnni()) return Int8Kernel::kAvx512Vnni;
  if (HasAvx2Fma()) return Int8Kernel::kAvx2;
  return Int8Kernel::kPortable;
}

}  // namespace edgepress
