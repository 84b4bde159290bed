#pragma once
// One-sided (Hestenes) Jacobi SVD in double precision, for the small projected problems of the
// randomized SVD: rotating pairs of columns until all are orthogonal gives singular values to
// high relative accuracy, small ones included.
#include <cstddef>

#include "async_task.h"

namespace edgepress {

// `a` is column-major m x n with m >= n. On return `a` holds U (m x n; a column whose singular
// value is 0 is left as zeros), `s` the n singular values in descending order and `v` (n x n,
// column-major) the right singular vectors: a_in = U diag(s) V^T.
void JacobiSvd(double* a, size_t m, size_t n, double* s, double* v, const CancelFlag& cancel);

}  // namespace edgepress
