#pragma once
// The activation side of DynamicQuantizeMatMul: the range of fp32 A, and its uint8 codes written
// straight into the padded operand the int8 kernels read (row-major or AMX tiles).
//
// The codes are exactly ONNX Runtime's, clamp(round_half_even(RN(x / scale)) + zero_point, 0,
// 255). The AVX-512 path multiplies by the rounded reciprocal of the scale instead of dividing
// (division is the bottleneck of the pass), and redoes a lane with true division whenever its
// quotient lies so close to a rounding boundary that the two could differ: for finite x,
// t = RN(x * RN(1 / scale)) = (x / scale)(1 + e) with |e| <= 2^-23 + 2^-48, and RN(x / scale) is
// within |x / scale| * 2^-24 of x / scale, so |t - RN(x / scale)| < |t| * 2^-21; a lane whose t
// is farther than that from every half-integer rounds alike either way.
#include <cstddef>
#include <cstdint>

namespace edgepress {

// Minimum and maximum of x[0..n) (n >= 1); false if any element is NaN or infinite.
bool ActivationRange(const float* x, size_t n, float* min, float* max);

// Quantizes one row of k finite values to uint8 codes and zero-pads it to kp (a multiple of 64):
// 64-value chunk c goes to dest + c * chunk_stride (64 for a row-major row, 1024 for a row of AMX
// tiles). Returns the sum of the k codes.
int32_t QuantizeActivationRow(const float* x, size_t k, size_t kp, float scale, int32_t zero_point, uint8_t* dest,
                              size_t chunk_stride);

}  // namespace edgepress
