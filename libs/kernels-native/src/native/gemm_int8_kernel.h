#pragma once
// The int8 GEMM kernels: raw int32 products of a padded A and packed B, handed tile by tile to
// the epilogue (zero-point corrections and output conversion). Four implementations, chosen at
// run time: AMX (TDPBUSD/TDPBSSD tiles), AVX-512 VNNI (VPDPBUSD, u8 x s8 into int32), AVX2
// (exact: int8 widened to int16, VPMADDWD), and a portable one that compiles on any CPU. All are
// exact in int32: none uses VPMADDUBSW, whose int16 pair sums saturate for u8 x s8.
#include <cstddef>
#include <cstdint>

#include "async_task.h"
#include "gemm_int8_epilogue.h"
#include "gemm_int8_layout.h"

namespace edgepress {

enum class Int8Kernel { kAuto = 0, kPortable = 1, kAvx2 = 2, kAmx = 3, kAvx512Vnni = 4 };

struct GemmInt8Operands {
  // A as bytes (int8 when a_signed), rows rounded up to 16, K to kp, zero padded: row-major with
  // stride kp, except for the AMX kernel, which gets it tiled ([16-row block][64-k chunk][16][64]).
  // Always unsigned for the AVX-512 VNNI kernel (the driver shifts signed A by 128).
  const uint8_t* a8 = nullptr;
  // A widened to int16 with the same geometry (prepared only for the AVX2 kernel).
  const int16_t* a16 = nullptr;
  bool a_signed = false;
  size_t m = 0;       // real rows
  PackedInt8Layout b;  // geometry of the packed weights
  const uint8_t* b_packed = nullptr;
};

bool Int8KernelAvailable(Int8Kernel kernel);
// The fastest available kernel when `requested` is kAuto, else `requested` (which must be available).
Int8Kernel ResolveInt8Kernel(Int8Kernel requested);

// Each computes rows [row_begin, row_end) (multiples of kRowBlock, except that row_end may be
// the padded row count) for panels [panel_begin, panel_end), calling the epilogue per tile and
// checking `cancel` between tiles.
void GemmInt8Portable(const GemmInt8Operands& op, size_t row_begin, size_t row_end, size_t panel_begin, size_t panel_end,
                      const GemmEpilogue& epilogue, const CancelFlag& cancel);
void GemmInt8Avx2(const GemmInt8Operands& op, size_t row_begin, size_t row_end, size_t panel_begin, size_t panel_end,
                  const GemmEpilogue& epilogue, const CancelFlag& cancel);
void GemmInt8Avx512Vnni(const GemmInt8Operands& op, size_t row_begin, size_t row_end, size_t panel_begin, size_t panel_end,
                        const GemmEpilogue& epilogue, const CancelFlag& cancel);
void GemmInt8Amx(const GemmInt8Operands& op, size_t row_begin, size_t row_end, size_t panel_begin, size_t panel_end,
                 const GemmEpilogue& epilogue, const CancelFlag& cancel);

bool AmxInt8Usable();

// The AMX kernel needs the tile configuration loaded on its thread: call with true before the
// first GemmInt8Amx on a thread and with false after the last (the tile state is released, so
// context switches stay cheap).
void AmxThreadScope(bool enter);

}  // namespace edgepress
