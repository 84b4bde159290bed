#pragma once
// The packed layout of int8 weights B[K, N] that every int8 GEMM kernel reads. JavaScript sees
// it as an opaque Uint8Array (packInt8Weights) and can keep it across calls.
//
//   panels of 16 columns (N rounded up to 16); each panel holds K rounded up to 64 as k-groups of
//   4: group g is 64 bytes, column c's B[4g .. 4g+3][16p + c] at bytes 4c .. 4c+3. That is the
//   AMX TDPBUSD B-tile layout (a 64-k chunk of one panel is 1 KB with a 64-byte row stride), and
//   the 4-k groups are what the AVX2 kernel widens to int16 pairs; a group is also the B operand
//   of one AVX-512 VPDPBUSD (lane c = column c). Padding bytes are 0.
//   Then one int32 per padded column: the column sums of B over k (the a_zero_point correction).
//
// The padded operand A (rows rounded up to kRowBlock, K rounded up to 64, zero padded) is
// prepared per call by the driver (gemm_int8.cc).
#include <cstddef>
#include <cstdint>

namespace edgepress {

constexpr size_t kPanelWidth = 16;
constexpr size_t kKChunk = 64;
constexpr size_t kRowBlock = 32;

inline size_t RoundUp(size_t value, size_t multiple) { return (value + multiple - 1) / multiple * multiple; }

struct PackedInt8Layout {
  size_t k = 0, n = 0, kp = 0, panels = 0;

  static PackedInt8Layout For(size_t k, size_t n) {
    PackedInt8Layout layout;
    layout.k = k;
    layout.n = n;
    layout.kp = RoundUp(k, kKChunk);
    layout.panels = (n + kPanelWidth - 1) / kPanelWidth;
    return layout;
  }
  size_t panel_bytes() const { return kp * kPanelWidth; }
  size_t weight_bytes() const { return panels * panel_bytes(); }
  size_t total_bytes() const { return weight_bytes() + panels * kPanelWidth * sizeof(int32_t); }
};

// Packs B (row-major [k, n] int8) panels [panel_begin, panel_end) into `out` (total_bytes long).
void PackInt8Panels(const int8_t* b, const PackedInt8Layout& layout, size_t panel_begin, size_t panel_end, uint8_t* out);

}  // namespace edgepress
