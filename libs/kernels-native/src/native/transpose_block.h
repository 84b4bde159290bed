#pragma once
// Transposing a block of floats: the SpMM packs activation rows into panels and turns result
// tiles back into output rows with it, and the int4 GEMM turns decoded weight columns into panel
// rows.
#include <cstddef>

namespace edgepress {

// dst[c * ldd + r] = src[r * lds + c] for r < rows, c < cols (16 x 16 AVX-512 or 8 x 8 AVX2 blocks
// when available).
void TransposeBlock(const float* src, size_t lds, float* dst, size_t ldd, size_t rows, size_t cols);

}  // namespace edgepress
