#pragma once
// Single-precision dense products for the low-rank factorizations (randomized SVD, Tucker-2):
//   C[m,n] = op(A) B,  op(A) = A (m x k, row stride lda) or A^T (A stored k x m, row stride lda),
// B row-major k x n (ldb), C row-major (ldc), overwritten. Register tiles of 4 rows x 16 columns
// walk k in order with one fused multiply-add per step, so every element's sum has one fixed
// order: threads (which split whole 4-row tiles) never change the result.
#include <cstddef>

#include "async_task.h"

namespace edgepress {

void GemmF32(bool transpose_a, size_t m, size_t n, size_t k, const float* a, size_t lda, const float* b, size_t ldb,
             float* c, size_t ldc, int threads, const CancelFlag& cancel);

}  // namespace edgepress
