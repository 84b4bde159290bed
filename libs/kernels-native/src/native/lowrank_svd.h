#pragma once
// Truncated SVD of a float matrix by randomized range finding (Halko, Martinsson & Tropp 2011,
// algorithms 4.4 and 5.1): sketch Y = A Omega with a seeded Gaussian Omega of l = rank +
// oversample columns, a few power iterations re-orthonormalised by Householder QR, then the exact
// SVD of the small projection B = Q^T A (QR of B^T, one-sided Jacobi on its l x l R factor).
// When l reaches min(m, n) the range is captured exactly and the result is the exact SVD.
//
// The reconstruction U diag(S) Vt is the orthogonal projection of A onto span(U), so
// ||A - U S Vt||_F^2 = ||A||_F^2 - sum(S^2) holds exactly (up to rounding): the discarded
// energy is known without forming the residual.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "async_task.h"

namespace edgepress {

struct LowRankSvd {
  size_t rank = 0;
  std::vector<float> u;   // m x rank, row-major
  std::vector<double> s;  // rank values, descending
  std::vector<float> vt;  // rank x n, row-major
};

struct RandomizedSvdParams {
  size_t rank;        // components returned, 1..min(m, n)
  size_t oversample;  // extra sketch columns
  int power_iterations;
  uint64_t seed;
  int threads;
};

LowRankSvd RandomizedSvd(const float* a, size_t m, size_t n, const RandomizedSvdParams& params, const CancelFlag& cancel);

// sum of a[i]^2 in double, in fixed blocks (identical for any thread count).
double SquaredNorm(const float* a, size_t count, int threads, const CancelFlag& cancel);

}  // namespace edgepress
