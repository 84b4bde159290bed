#include "linalg_vector.h"

#include "cpu_features.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace edgepress {
namespace {

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) double DotAvx2(const double* x, const double* y, size_t n) {
  __m256d a0 = _mm256_setzero_pd(), a1 = _mm256_setzero_pd();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    a0 = _mm256_fmadd_pd(_mm256_loadu_pd(x + i), _mm256_loadu_pd(y + i), a0);
    a1 = _mm256_fmadd_pd(_mm256_loadu_pd(x + i + 4), _mm256_loadu_pd(y + i + 4), a1);
  }
  a0 = _mm256_add_pd(a0, a1);
  __m128d h = _mm_add_pd(_mm256_castpd256_pd128(a0), _mm256_extractf128_pd(a0, 1));
  double sum = _mm_cvtsd_f64(_mm_add_sd(h, _mm_unpackhi_pd(h, h)));
  for (; i < n; ++i) sum += x[i] * y[i];
  return sum;
}

__attribute__((target("avx2,fma"))) void AxpyAvx2(double alpha, const double* x, double* y, size_t n) {
  const __m256d a = _mm256_set1_pd(alpha);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, _mm256_fmadd_pd(a, _mm256_loadu_pd(x + i), _mm256_loadu_pd(y + i)));
  for (; i < n; ++i) y[i] += alpha * x[i];
}

__attribute__((target("avx2,fma"))) void RotateAvx2(double c, double s, double* x, double* y, size_t n) {
  const __m256d vc = _mm256_set1_pd(c), vs = _mm256_set1_pd(s);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d xi = _mm256_loadu_pd(x + i), yi = _mm256_loadu_pd(y + i);
    _mm256_storeu_pd(x + i, _mm256_fmsub_pd(vc, xi, _mm256_mul_pd(vs, yi)));
    _mm256_storeu_pd(y + i, _mm256_fmadd_pd(vs, xi, _mm256_mul_pd(vc, yi)));
  }
  for (; i < n; ++i) {
    const double xi = x[i], yi = y[i];
    x[i] = c * xi - s * yi;
    y[i] = s * xi + c * yi;
  }
}

__attribute__((target("avx2,fma"))) void Reflect4Avx2(const double* v, double tau, size_t n, double* a0, double* a1,
                                                      double* a2, double* a3) {
  __m256d d0 = _mm256_setzero_pd(), d1 = _mm256_setzero_pd(), d2 = _mm256_setzero_pd(), d3 = _mm256_setzero_pd();
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d vi = _mm256_loadu_pd(v + i);
    d0 = _mm256_fmadd_pd(vi, _mm256_loadu_pd(a0 + i), d0);
    d1 = _mm256_fmadd_pd(vi, _mm256_loadu_pd(a1 + i), d1);
    d2 = _mm256_fmadd_pd(vi, _mm256_loadu_pd(a2 + i), d2);
    d3 = _mm256_fmadd_pd(vi, _mm256_loadu_pd(a3 + i), d3);
  }
  alignas(32) double lanes[4][4];
  _mm256_store_pd(lanes[0], d0);
  _mm256_store_pd(lanes[1], d1);
  _mm256_store_pd(lanes[2], d2);
  _mm256_store_pd(lanes[3], d3);
  double* cols[4] = {a0, a1, a2, a3};
  double scale[4];
  for (int c = 0; c < 4; ++c) {
    double dot = (lanes[c][0] + lanes[c][1]) + (lanes[c][2] + lanes[c][3]);
    for (size_t t = i; t < n; ++t) dot += v[t] * cols[c][t];
    scale[c] = -tau * dot;
  }
  const __m256d s0 = _mm256_set1_pd(scale[0]), s1 = _mm256_set1_pd(scale[1]), s2 = _mm256_set1_pd(scale[2]),
                s3 = _mm256_set1_pd(scale[3]);
  for (i = 0; i + 4 <= n; i += 4) {
    const __m256d vi = _mm256_loadu_pd(v + i);
    _mm256_storeu_pd(a0 + i, _mm256_fmadd_pd(s0, vi, _mm256_loadu_pd(a0 + i)));
    _mm256_storeu_pd(a1 + i, _mm256_fmadd_pd(s1, vi, _mm256_loadu_pd(a1 + i)));
    _mm256_storeu_pd(a2 + i, _mm256_fmadd_pd(s2, vi, _mm256_loadu_pd(a2 + i)));
    _mm256_storeu_pd(a3 + i, _mm256_fmadd_pd(s3, vi, _mm256_loadu_pd(a3 + i)));
  }
  for (; i < n; ++i) {
    for (int c = 0; c < 4; ++c) cols[c][i] += scale[c] * v[i];
  }
}
#endif

}  // namespace

void ApplyReflection(const double* v, double tau, size_t n, double* a, size_t lda, size_t count) {
  size_t c = 0;
#if defined(__x86_64__)
  if (HasAvx2Fma()) {
    for (; c + 4 <= count; c += 4) {
      double* col = a + c * lda;
      Reflect4Avx2(v, tau, n, col, col + lda, col + 2 * lda, col + 3 * lda);
    }
  }
#endif
  for (; c < count; ++c) {
    double* col = a + c * lda;
    Axpy(-tau * Dot(v, col, n), v, col, n);
  }
}

double Dot(const double* x, const double* y, size_t n) {
#if defined(__x86_64__)
  if (HasAvx2Fma()) return DotAvx2(x, y, n);
#endif
  double a0 = 0.0, a1 = 0.0;
  size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    a0 += x[i] * y[i];
    a1 += x[i + 1] * y[i + 1];
  }
  if (i < n) a0 += x[i] * y[i];
  return a0 + a1;
}

void Axpy(double alpha, const double* x, double* y, size_t n) {
#if defined(__x86_64__)
  if (HasAvx2Fma()) return AxpyAvx2(alpha, x, y, n);
#endif
  for (size_t i = 0; i < n; ++i) y[i] += alpha * x[i];
}

void Rotate(double c, double s, double* x, double* y, size_t n) {
#if defined(__x86_64__)
  if (HasAvx2Fma()) return RotateAvx2(c, s, x, y, n);
#endif
  for (size_t i = 0; i < n; ++i) {
    const double xi = x[i], yi = y[i];
    x[i] = c * xi - s * yi;
    y[i] = s * xi + c * yi;
  }
}

}  // namespace edgepress
