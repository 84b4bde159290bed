#include "lowrank_svd.h"

#include <algorithm>

#include "linalg_gemm.h"
#include "linalg_jacobi_svd.h"
#include "linalg_qr.h"
#include "linalg_vector.h"
#include "parallel.h"
#include "seeded_random.h"

namespace edgepress {
namespace {

// Orthonormal basis of the columns of a row-major float matrix x (rows x cols, rows >= cols),
// written back into x (row-major float).
void Orthonormalize(float* x, size_t rows, size_t cols, int threads, const CancelFlag& cancel) {
  std::vector<double> column_major(rows * cols);
  for (size_t i = 0; i < rows; ++i) {
    for (size_t j = 0; j < cols; ++j) column_major[j * rows + i] = x[i * cols + j];
  }
  HouseholderQr(column_major.data(), rows, cols, nullptr, threads, cancel);
  for (size_t i = 0; i < rows; ++i) {
    for (size_t j = 0; j < cols; ++j) x[i * cols + j] = static_cast<float>(column_major[j * rows + i]);
  }
}

}  // namespace

double SquaredNorm(const float* a, size_t count, int threads, const CancelFlag& cancel) {
  constexpr size_t kBlock = size_t{1} << 16;
  const size_t blocks = (count + kBlock - 1) / kBlock;
  std::vector<double> partial(blocks, 0.0);
  ParallelFor(threads, blocks, [&](size_t first, size_t last) {
    for (size_t b = first; b < last; ++b) {
      cancel.ThrowIfCancelled();
      double sum = 0.0;
      for (size_t i = b * kBlock; i < std::min(count, (b + 1) * kBlock); ++i) sum += static_cast<double>(a[i]) * a[i];
      partial[b] = sum;
    }
  });
  double total = 0.0;
  for (double p : partial) total += p;
  return total;
}

LowRankSvd RandomizedSvd(const float* a, size_t m, size_t n, const RandomizedSvdParams& params, const CancelFlag& cancel) {
  const size_t l = std::min(params.rank + params.oversample, std::min(m, n));
  const int threads = params.threads;
  SeededRandom random(params.seed);
  std::vector<float> omega(n * l);
  for (float& g : omega) g = static_cast<float>(random.NextGaussian());

  // Y = A Omega (m x l), Q = orth(Y); each power iteration: Z^T = Q^T A, Z = orth(Z), Y = A Z, Q = orth(Y).
  std::vector<float> q(m * l), zt(l * n), z(n * l);
  GemmF32(false, m, l, n, a, n, omega.data(), l, q.data(), l, threads, cancel);
  Orthonormalize(q.data(), m, l, threads, cancel);
  for (int it = 0; it < params.power_iterations; ++it) {
    GemmF32(true, l, n, m, q.data(), l, a, n, zt.data(), n, threads, cancel);
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < l; ++j) z[i * l + j] = zt[j * n + i];
    }
    Orthonormalize(z.data(), n, l, threads, cancel);
    GemmF32(false, m, l, n, a, n, z.data(), l, q.data(), l, threads, cancel);
    Orthonormalize(q.data(), m, l, threads, cancel);
  }

  // B = Q^T A (l x n, row-major) is B^T column-major (n x l): B^T = Q2 R, R = Ur diag(s) Vr^T,
  // so B = Vr diag(s) (Q2 Ur)^T and A ~ (Q Vr) diag(s) (Q2 Ur)^T.
  GemmF32(true, l, n, m, q.data(), l, a, n, zt.data(), n, threads, cancel);
  std::vector<double> q2(zt.begin(), zt.end());
  std::vector<double> r(l * l), s(l), vr(l * l);
  HouseholderQr(q2.data(), n, l, r.data(), threads, cancel);
  JacobiSvd(r.data(), l, l, s.data(), vr.data(), cancel);

  LowRankSvd out;
  out.rank = std::min(params.rank, l);
  const size_t k = out.rank;
  out.s.assign(s.begin(), s.begin() + k);
  std::vector<float> vr_rows(l * k);  // Vr[:, :k] as row-major l x k
  for (size_t i = 0; i < l; ++i) {
    for (size_t j = 0; j < k; ++j) vr_rows[i * k + j] = static_cast<float>(vr[j * l + i]);
  }
  out.u.resize(m * k);
  GemmF32(false, m, k, l, q.data(), l, vr_rows.data(), k, out.u.data(), k, threads, cancel);
  // Vt row j = (Q2 Ur[:, j])^T; Q2 is n x l column-major, Ur = r (l x l column-major).
  out.vt.resize(k * n);
  std::vector<double> row(n);
  for (size_t j = 0; j < k; ++j) {
    cancel.ThrowIfCancelled();
    std::fill(row.begin(), row.end(), 0.0);
    for (size_t c = 0; c < l; ++c) Axpy(r[j * l + c], q2.data() + c * n, row.data(), n);
    for (size_t i = 0; i < n; ++i) out.vt[j * n + i] = static_cast<float>(row[i]);
  }
  return out;
}

}  // namespace edgepress
