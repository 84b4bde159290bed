#pragma once
// Row kernels shared by QuantizeLinear/DequantizeLinear, the dynamic-quantization GEMM and the
// calibrator. Each has an AVX2 version picked at run time and a portable one; both give
// bit-identical results (IEEE division, round half to even), the ones ONNX Runtime's MLAS gives.
#include <cstddef>
#include <cstdint>

namespace edgepress {

// How the scale and zero point vary along a row.
enum class RowParams { kBroadcast, kPerElement };

// y[i] = clamp(round_half_even(x[i] / scale) + zero_point, qmin, qmax), stored as the value's
// low byte (two's complement for signed types). `scale`/`zero_point` hold one value (kBroadcast)
// or n values (kPerElement); `zero_point` may be null for 0. +-Inf saturates. Returns false if any
// x[i] is NaN (the NaN elements are written as clamp(zero_point)).
bool QuantizeRow(const float* x, size_t n, const float* scale, const int32_t* zero_point, RowParams params,
                 int32_t qmin, int32_t qmax, uint8_t* y);

// y[i] = float(int32(x[i]) - zero_point) * scale, x read as int8 when `is_signed`, else uint8.
void DequantizeRow(const uint8_t* x, bool is_signed, size_t n, const float* scale, const int32_t* zero_point,
                   RowParams params, float* y);

// Minimum and maximum of x[0..n) (n >= 1). Returns false if x holds a NaN.
bool MinMaxRow(const float* x, size_t n, float* min, float* max);

// Packs n values (low nibble of each byte) two per byte, ONNX layout: value i goes to byte i/2,
// even i in the low nibble; an odd n leaves the last high nibble 0.
void PackNibbles(const uint8_t* values, size_t n, uint8_t* packed);

// The inverse of PackNibbles, sign-extending each nibble when `is_signed`.
void UnpackNibbles(const uint8_t* packed, size_t n, bool is_signed, uint8_t* values);

}  // namespace edgepress
