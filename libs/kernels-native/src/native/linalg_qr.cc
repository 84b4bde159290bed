#include "linalg_qr.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "linalg_vector.h"
#include "parallel.h"

namespace edgepress {
namespace {

// Applies I - tau v v^T (v nonzero from row `from`) to columns [c_begin, c_end) of `a`.
void Reflect(const double* v, double tau, size_t from, size_t m, double* a, size_t c_begin, size_t c_end, int threads) {
  if (tau == 0.0 || c_begin >= c_end) return;
  const size_t length = m - from;
  // Threads only when the update is large enough to pay for starting them; they take whole
  // groups of 4 columns, so each column sees the same arithmetic for any thread count.
  const size_t groups = (c_end - c_begin + 3) / 4;
  const int useful = length * (c_end - c_begin) > (size_t{1} << 18) ? threads : 1;
  ParallelFor(useful, groups, [&](size_t first, size_t last) {
    const size_t begin = c_begin + first * 4, end = std::min(c_end, c_begin + last * 4);
    ApplyReflection(v + from, tau, length, a + begin * m + from, m, end - begin);
  });
}

}  // namespace

void HouseholderQr(double* a, size_t m, size_t n, double* r, int threads, const CancelFlag& cancel) {
  std::vector<double> vectors(m * n, 0.0);
  std::vector<double> taus(n, 0.0);
  for (size_t j = 0; j < n; ++j) {
    cancel.ThrowIfCancelled();
    double* column = a + j * m;
    double* v = vectors.data() + j * m;
    const double norm = std::sqrt(Dot(column + j, column + j, m - j));
    if (norm == 0.0) continue;  // a zero column: no reflection, R(j, j) = 0
    const double alpha = column[j] > 0 ? -norm : norm;
    for (size_t i = j; i < m; ++i) v[i] = column[i];
    v[j] -= alpha;
    const double vv = Dot(v + j, v + j, m - j);
    taus[j] = vv == 0.0 ? 0.0 : 2.0 / vv;
    Reflect(v, taus[j], j, m, a, j, n, threads);
  }
  if (r != nullptr) {
    for (size_t c = 0; c < n; ++c) {
      for (size_t i = 0; i < n; ++i) r[c * n + i] = i <= c ? a[c * m + i] : 0.0;
    }
  }
  // Q = H_0 H_1 ... H_{n-1} [I; 0], accumulated from the last reflection back.
  for (size_t c = 0; c < n; ++c) {
    for (size_t i = 0; i < m; ++i) a[c * m + i] = i == c ? 1.0 : 0.0;
  }
  for (size_t j = n; j-- > 0;) {
    cancel.ThrowIfCancelled();
    Reflect(vectors.data() + j * m, taus[j], j, m, a, j, n, threads);
  }
}

}  // namespace edgepress
