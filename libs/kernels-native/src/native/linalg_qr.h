#pragma once
// Thin QR factorisation by Householder reflections, in double precision: the orthonormalisation
// step of the randomized SVD. Householder (rather than Gram-Schmidt or Cholesky-QR) stays
// orthogonal to machine precision even for the nearly dependent columns that power iterations
// produce.
#include <cstddef>

#include "async_task.h"

namespace edgepress {

// `a` is column-major m x n with m >= n. On return it holds Q (m x n, orthonormal columns);
// when `r` is not null it receives R (n x n, column-major, upper triangular) with a = Q R.
// Columns are updated in parallel; each column's arithmetic is the same for any thread count.
void HouseholderQr(double* a, size_t m, size_t n, double* r, int threads, const CancelFlag& cancel);

}  // namespace edgepress
