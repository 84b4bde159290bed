#pragma once
// Double-precision vector primitives for the dense linear algebra core (Householder QR, Jacobi
// SVD): AVX2+FMA when the CPU has it, plain loops otherwise. Results may differ in the last bits
// between the two paths, never between calls on one machine.
#include <cstddef>

namespace edgepress {

double Dot(const double* x, const double* y, size_t n);

// y += alpha * x
void Axpy(double alpha, const double* x, double* y, size_t n);

// Plane rotation of two vectors: (x, y) <- (c x - s y, s x + c y).
void Rotate(double c, double s, double* x, double* y, size_t n);

// Applies the reflection I - tau v v^T to `count` columns a + c * lda (c < count) of length n:
// a_c -= tau (v . a_c) v. Four columns share each load of v.
void ApplyReflection(const double* v, double tau, size_t n, double* a, size_t lda, size_t count);

}  // namespace edgepress
