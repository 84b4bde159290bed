#include "linalg_jacobi_svd.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "linalg_vector.h"

namespace edgepress {

void JacobiSvd(double* a, size_t m, size_t n, double* s, double* v, const CancelFlag& cancel) {
  constexpr int kMaxSweeps = 80;
  constexpr double kEpsilon = 2.220446049250313e-16;
  for (size_t c = 0; c < n; ++c) {
    for (size_t i = 0; i < n; ++i) v[c * n + i] = i == c ? 1.0 : 0.0;
  }
  std::vector<double> norms(n);
  for (int sweep = 0; sweep < kMaxSweeps; ++sweep) {
    cancel.ThrowIfCancelled();
    for (size_t c = 0; c < n; ++c) norms[c] = Dot(a + c * m, a + c * m, m);
    bool rotated = false;
    for (size_t p = 0; p + 1 < n; ++p) {
      for (size_t q = p + 1; q < n; ++q) {
        const double alpha = norms[p], beta = norms[q];
        const double gamma = Dot(a + p * m, a + q * m, m);
        if (std::abs(gamma) <= kEpsilon * std::sqrt(alpha * beta) || gamma == 0.0) continue;
        rotated = true;
        // The rotation that zeroes the (p, q) entry of A^T A (Golub & Van Loan 8.6.3).
        const double zeta = (beta - alpha) / (2.0 * gamma);
        const double t = std::copysign(1.0, zeta) / (std::abs(zeta) + std::sqrt(1.0 + zeta * zeta));
        const double cs = 1.0 / std::sqrt(1.0 + t * t), sn = cs * t;
        Rotate(cs, sn, a + p * m, a + q * m, m);
        Rotate(cs, sn, v + p * n, v + q * n, n);
        norms[p] = alpha - t * gamma;
        norms[q] = beta + t * gamma;
      }
    }
    if (!rotated) break;
  }
  std::vector<double> values(n);
  for (size_t c = 0; c < n; ++c) values[c] = std::sqrt(Dot(a + c * m, a + c * m, m));
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return values[x] > values[y]; });
  std::vector<double> u(a, a + m * n), vs(v, v + n * n);
  for (size_t c = 0; c < n; ++c) {
    const size_t from = order[c];
    s[c] = values[from];
    const double scale = values[from] > 0.0 ? 1.0 / values[from] : 0.0;
    for (size_t i = 0; i < m; ++i) a[c * m + i] = u[from * m + i] * scale;
    std::copy(vs.begin() + from * n, vs.begin() + (from + 1) * n, v + c * n);
  }
}

}  // namespace edgepress
