#include "gemm_int4_kernel.h"

#include <algorithm>
#include <cstring>

#include "transpose_block.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace edgepress {

namespace {

// Columns [col, col + cols) into panel[k * ldp + c] (ldp >= cols; the caller zeroes the rest).
void DequantizePanelPortable(const Int4Weights& b, size_t col, size_t cols, float* panel, size_t ldp) {
  const size_t blob = b.block / 2, zp_bytes = (b.blocks + 1) / 2;
  for (size_t c = 0; c < cols; ++c) {
    const size_t n = col + c;
    const uint8_t* column = b.data + n * b.blocks * blob;
    for (size_t j = 0; j < b.blocks; ++j) {
      const float scale = b.scales[n * b.blocks + j];
      int zp = 8;
      if (b.zero_points) zp = (b.zero_points[n * zp_bytes + j / 2] >> ((j % 2) * 4)) & 0x0F;
      // Integer values minus zero point, times the scale: exact products as ORT forms them.
      float lut[16];
      for (int q = 0; q < 16; ++q) lut[q] = static_cast<float>(q - zp) * scale;
      const size_t k0 = j * b.block, k1 = std::min(b.k, k0 + b.block);
      const uint8_t* bytes = column + j * blob;
      for (size_t k = k0; k < k1; ++k) {
        const size_t i = k - k0;
        panel[k * ldp + c] = lut[(bytes[i / 2] >> ((i % 2) * 4)) & 0x0F];
      }
    }
  }
}

void MultiplyPortable(const Int4Problem& p, const float* panel, size_t col, size_t cols, const CancelFlag& cancel) {
  const size_t k = p.b.k, n = p.b.n;
  for (size_t r = 0; r < p.m; ++r) {
    if (r % 64 == 0) cancel.ThrowIfCancelled();
    float acc[kInt4PanelWidth] = {0};
    const float* a = p.a + r * k;
    for (size_t i = 0; i < k; ++i) {
      const float av = a[i];
      const float* row = panel + i * kInt4PanelWidth;
      for (size_t c = 0; c < kInt4PanelWidth; ++c) acc[c] += av * row[c];
    }
    for (size_t c = 0; c < cols; ++c) p.y[r * n + col + c] = acc[c] + (p.bias ? p.bias[col + c] : 0.0f);
  }
}

// Column n's dot products with rows [0, m), decoding one block at a time (any CPU).
void FusedColumnPortable(const Int4Problem& p, size_t n, float* out /*[m]*/) {
  const Int4Weights& b = p.b;
  const size_t blob = b.block / 2, zp_bytes = (b.blocks + 1) / 2;
  for (size_t r = 0; r < p.m; ++r) out[r] = 0;
  for (size_t j = 0; j < b.blocks; ++j) {
    const float scale = b.scales[n * b.blocks + j];
    const int zp = b.zero_points ? (b.zero_points[n * zp_bytes + j / 2] >> ((j % 2) * 4)) & 0x0F : 8;
    const uint8_t* bytes = b.data + (n * b.blocks + j) * blob;
    const size_t k0 = j * b.block, count = std::min(b.block, b.k - k0);
    for (size_t r = 0; r < p.m; ++r) {
      const float* a = p.a + r * b.k + k0;
      float dot = 0;
      for (size_t i = 0; i < count; ++i) dot += a[i] * static_cast<float>(((bytes[i / 2] >> ((i % 2) * 4)) & 0x0F) - zp);
      out[r] += scale * dot;
    }
  }
}

#if defined(__x86_64__)

#define EDGEPRESS_AVX2 __attribute__((target("avx2,fma")))
#define EDGEPRESS_AVX512 __attribute__((target("avx512f,avx2,fma")))

EDGEPRESS_AVX2 inline float HorizontalSum(__m256 v) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  s = _mm_add_ss(s, _mm_movehdup_ps(s));
  return _mm_cvtss_f32(s);
}

// Decodes 16 values (8 bytes, ONNX nibble order) minus the zero point into two float vectors.
EDGEPRESS_AVX2 inline void Decode16(const uint8_t* bytes, __m256i zp, __m256& first, __m256& second) {
  const __m128i packed = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(bytes));
  const __m128i low = _mm_and_si128(packed, _mm_set1_epi8(0x0F));
  const __m128i high = _mm_and_si128(_mm_srli_epi16(packed, 4), _mm_set1_epi8(0x0F));
  const __m128i values = _mm_unpacklo_epi8(low, high);  // q0 q1 ... q15
  first = _mm256_cvtepi32_ps(_mm256_sub_epi32(_mm256_cvtepu8_epi32(values), zp));
  second = _mm256_cvtepi32_ps(_mm256_sub_epi32(_mm256_cvtepu8_epi32(_mm_srli_si128(values, 8)), zp));
}

template <int R>
EDGEPRESS_AVX2 void FusedColumnAvx2(const Int4Problem& p, size_t n, float* out) {
  const Int4Weights& b = p.b;
  const size_t blob = b.block / 2, zp_bytes = (b.blocks + 1) / 2;
  const size_t full = b.k / b.block;  // the last block may be partial: done by the portable loop
  // Per row: acc += scale_j * (sum over block j of a * (q - zp)), kept in vectors until the end.
  __m256 acc[R];
  for (int r = 0; r < R; ++r) acc[r] = _mm256_setzero_ps();
  for (size_t j = 0; j < full; ++j) {
    const __m256 scale = _mm256_set1_ps(b.scales[n * b.blocks + j]);
    const int zp = b.zero_points ? (b.zero_points[n * zp_bytes + j / 2] >> ((j % 2) * 4)) & 0x0F : 8;
    const __m256i vzp = _mm256_set1_epi32(zp);
    const uint8_t* bytes = b.data + (n * b.blocks + j) * blob;
    const size_t k0 = j * b.block;
    // Two partial sums per row keep the FMA dependency chains short (latency, not throughput,
    // bounds a single row).
    __m256 dot0[R], dot1[R];
    for (int r = 0; r < R; ++r) dot0[r] = dot1[r] = _mm256_setzero_ps();
    for (size_t i = 0; i < b.block; i += 16) {
      __m256 q0, q1;
      Decode16(bytes + i / 2, vzp, q0, q1);
      for (int r = 0; r < R; ++r) {
        const float* a = p.a + r * b.k + k0 + i;
        dot0[r] = _mm256_fmadd_ps(_mm256_loadu_ps(a), q0, dot0[r]);
        dot1[r] = _mm256_fmadd_ps(_mm256_loadu_ps(a + 8), q1, dot1[r]);
      }
    }
    for (int r = 0; r < R; ++r) acc[r] = _mm256_fmadd_ps(scale, _mm256_add_ps(dot0[r], dot1[r]), acc[r]);
  }
  for (int r = 0; r < R; ++r) out[r] = HorizontalSum(acc[r]);
  if (full < b.blocks) {
    const size_t j = full;
    const float scale = b.scales[n * b.blocks + j];
    const int zp = b.zero_points ? (b.zero_points[n * zp_bytes + j / 2] >> ((j % 2) * 4)) & 0x0F : 8;
    const uint8_t* bytes = b.data + (n * b.blocks + j) * blob;
    const size_t k0 = j * b.block;
    for (int r = 0; r < R; ++r) {
      float dot = 0;
      for (size_t i = 0; k0 + i < b.k; ++i) dot += p.a[r * b.k + k0 + i] * static_cast<float>(((bytes[i / 2] >> ((i % 2) * 4)) & 0x0F) - zp);
      out[r] += scale * dot;
    }
  }
}

// Block j of column n: its 16 possible weights, (q - zp) * scale, indexed by q.
EDGEPRESS_AVX512 inline __m512 BlockTable(const Int4Weights& b, size_t n, size_t j) {
  const int zp = b.zero_points ? (b.zero_points[n * ((b.blocks + 1) / 2) + j / 2] >> ((j % 2) * 4)) & 0x0F : 8;
  const __m512 iota = _mm512_setr_ps(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  return _mm512_mul_ps(_mm512_sub_ps(iota, _mm512_set1_ps(static_cast<float>(zp))), _mm512_set1_ps(b.scales[n * b.blocks + j]));
}

// Chunk c of a column (32 values in 16 bytes) decoded through its block's `table`: the weights of
// the even k (low nibbles; VPERMPS reads only the low 4 bits of an index) and of the odd k.
EDGEPRESS_AVX512 inline void DecodeChunk(const uint8_t* column, size_t c, __m512 table, __m512* even, __m512* odd) {
  const __m512i bytes = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(column + c * 16)));
  *even = _mm512_permutexvar_ps(bytes, table);
  *odd = _mm512_permutexvar_ps(_mm512_srli_epi32(bytes, 4), table);
}

// Chunk c of a column decoded through `table`, into accumulators 2h and 2h + 1 of each row.
template <int R>
EDGEPRESS_AVX512 inline void TableChunk(const uint8_t* column, const float* a_even_odd, size_t padded, size_t c, __m512 table,
                                        int h, __m512 (&acc)[R][4]) {
  __m512 even, odd;
  DecodeChunk(column, c, table, &even, &odd);
  for (int r = 0; r < R; ++r) {
    const float* a = a_even_odd + r * padded + c * 32;
    acc[r][2 * h] = _mm512_fmadd_ps(_mm512_loadu_ps(a), even, acc[r][2 * h]);
    acc[r][2 * h + 1] = _mm512_fmadd_ps(_mm512_loadu_ps(a + 16), odd, acc[r][2 * h + 1]);
  }
}

// One column of a GEMV (R <= 4 rows) on AVX-512, for blocks of a multiple of 32 values. A block's
// 16 possible weights, (q - zp) * scale as ORT dequantizes them, make a table in one register;
// 16 bytes (32 values) widen to 16 dwords whose low nibbles index it for the even k (VPERMPS reads
// only the low 4 bits of an index) and, shifted by 4, for the odd k. That is 4 instructions to
// decode 32 weights, against 12 for the AVX2 path's zero-point subtraction and conversions, and
// the products are sums of a * w with w exactly ORT's dequantized weight. Four accumulators per
// row (two chunks of two halves) hide the FMA latency. Chunks [c0, c1) of the column (c0 even);
// out[r] gets row r's sum over them.
template <int R>
EDGEPRESS_AVX512 void FusedColumnTable(const Int4Problem& p, size_t n, size_t c0, size_t c1, float* out) {
  const Int4Weights& b = p.b;
  const size_t padded = b.blocks * b.block;
  const uint8_t* column = b.data + n * b.blocks * (b.block / 2);
  __m512 acc[R][4];
  for (int r = 0; r < R; ++r) acc[r][0] = acc[r][1] = acc[r][2] = acc[r][3] = _mm512_setzero_ps();
  const size_t per_block = b.block / 32;
  if (per_block == 1) {
    size_t j = c0;
    for (; j + 2 <= c1; j += 2) {
      TableChunk<R>(column, p.a_even_odd, padded, j, BlockTable(b, n, j), 0, acc);
      TableChunk<R>(column, p.a_even_odd, padded, j + 1, BlockTable(b, n, j + 1), 1, acc);
    }
    if (j < c1) TableChunk<R>(column, p.a_even_odd, padded, j, BlockTable(b, n, j), 0, acc);
  } else {
    for (size_t c = c0; c < c1; c += 2) {  // per_block is even (blocks are powers of two)
      const __m512 table = BlockTable(b, n, c / per_block);
      TableChunk<R>(column, p.a_even_odd, padded, c, table, 0, acc);
      TableChunk<R>(column, p.a_even_odd, padded, c + 1, table, 1, acc);
    }
  }
  for (int r = 0; r < R; ++r) {
    out[r] = _mm512_reduce_add_ps(_mm512_add_ps(_mm512_add_ps(acc[r][0], acc[r][1]), _mm512_add_ps(acc[r][2], acc[r][3])));
  }
}

// 16 columns of a panel (row stride ldp), 32 values of K at a time: each column's chunk decodes
// through its block's table into its even-k and odd-k halves (as in FusedColumnTable), the 16
// columns' halves are transposed into panel rows k0, k0 + 2, ... and k0 + 1, k0 + 3, ... Columns
// past `cols` are written as 0. Measured at M = 64, K = N = 1024, one thread: the scalar table
// lookups took most of a 1.7 ms product.
EDGEPRESS_AVX512 void DequantizePanelAvx512(const Int4Weights& b, size_t col, size_t cols, float* panel, size_t ldp) {
  alignas(64) float even[kInt4PanelWidth][16], odd[kInt4PanelWidth][16];
  std::memset(even, 0, sizeof even);
  std::memset(odd, 0, sizeof odd);
  const size_t per_block = b.block / 32;
  for (size_t k0 = 0; k0 < b.k; k0 += 32) {
    const size_t c = k0 / 32;
    for (size_t j = 0; j < cols; ++j) {
      const size_t n = col + j;
      __m512 e, o;
      DecodeChunk(b.data + n * b.blocks * (b.block / 2), c, BlockTable(b, n, c / per_block), &e, &o);
      _mm512_store_ps(even[j], e);
      _mm512_store_ps(odd[j], o);
    }
    // Rows past K (the last block's padding) are not written: the panel has K rows.
    const size_t rows = std::min<size_t>(32, b.k - k0);
    TransposeBlock(&even[0][0], 16, panel + k0 * ldp, 2 * ldp, kInt4PanelWidth, (rows + 1) / 2);
    TransposeBlock(&odd[0][0], 16, panel + (k0 + 1) * ldp, 2 * ldp, kInt4PanelWidth, rows / 2);
  }
}

// R rows x 32 columns of Y from a 32-wide panel. At M = 1024, K = N = 1024 this runs at 123 of
// the 134 GMAC/s the two FMA pipes give at 4.2 GHz (Zen 5); blocking K to keep the panel's slice
// in L1 measured no faster.
template <int R>
EDGEPRESS_AVX512 void RowsAvx512(const Int4Problem& p, const float* panel, size_t row, size_t col, size_t cols) {
  const size_t k = p.b.k, n = p.b.n;
  __m512 acc[R][2];
  for (int r = 0; r < R; ++r) acc[r][0] = acc[r][1] = _mm512_setzero_ps();
  const float* a = p.a + row * k;
  for (size_t i = 0; i < k; ++i) {
    const __m512 b0 = _mm512_loadu_ps(panel + i * 32), b1 = _mm512_loadu_ps(panel + i * 32 + 16);
    for (int r = 0; r < R; ++r) {
      const __m512 av = _mm512_set1_ps(a[r * k + i]);
      acc[r][0] = _mm512_fmadd_ps(av, b0, acc[r][0]);
      acc[r][1] = _mm512_fmadd_ps(av, b1, acc[r][1]);
    }
  }
  alignas(64) float out[32];
  for (int r = 0; r < R; ++r) {
    _mm512_store_ps(out, acc[r][0]);
    _mm512_store_ps(out + 16, acc[r][1]);
    float* y = p.y + (row + r) * n + col;
    for (size_t c = 0; c < cols; ++c) y[c] = out[c] + (p.bias ? p.bias[col + c] : 0.0f);
  }
}

void MultiplyAvx512(const Int4Problem& p, const float* panel, size_t col, size_t cols, const CancelFlag& cancel) {
  size_t r = 0;
  for (; r + 12 <= p.m; r += 12) {
    if (r % 96 == 0) cancel.ThrowIfCancelled();
    RowsAvx512<12>(p, panel, r, col, cols);
  }
  for (; r + 4 <= p.m; r += 4) RowsAvx512<4>(p, panel, r, col, cols);
  for (; r < p.m; ++r) RowsAvx512<1>(p, panel, r, col, cols);
}

template <int R>
EDGEPRESS_AVX2 void RowsAvx2(const Int4Problem& p, const float* panel, size_t row, size_t col, size_t cols) {
  const size_t k = p.b.k, n = p.b.n;
  __m256 acc[R][2];
  for (int r = 0; r < R; ++r) acc[r][0] = acc[r][1] = _mm256_setzero_ps();
  const float* a = p.a + row * k;
  for (size_t i = 0; i < k; ++i) {
    const __m256 b0 = _mm256_loadu_ps(panel + i * kInt4PanelWidth);
    const __m256 b1 = _mm256_loadu_ps(panel + i * kInt4PanelWidth + 8);
    for (int r = 0; r < R; ++r) {
      const __m256 av = _mm256_broadcast_ss(a + r * k + i);
      acc[r][0] = _mm256_fmadd_ps(av, b0, acc[r][0]);
      acc[r][1] = _mm256_fmadd_ps(av, b1, acc[r][1]);
    }
  }
  alignas(32) float out[kInt4PanelWidth];
  for (int r = 0; r < R; ++r) {
    _mm256_store_ps(out, acc[r][0]);
    _mm256_store_ps(out + 8, acc[r][1]);
    float* y = p.y + (row + r) * n + col;
    for (size_t c = 0; c < cols; ++c) y[c] = out[c] + (p.bias ? p.bias[col + c] : 0.0f);
  }
}

void MultiplyAvx2(const Int4Problem& p, const float* panel, size_t col, size_t cols, const CancelFlag& cancel) {
  size_t r = 0;
  for (; r + 6 <= p.m; r += 6) {
    if (r % 96 == 0) cancel.ThrowIfCancelled();
    RowsAvx2<6>(p, panel, r, col, cols);
  }
  switch (p.m - r) {
    case 5: RowsAvx2<5>(p, panel, r, col, cols); break;
    case 4: RowsAvx2<4>(p, panel, r, col, cols); break;
    case 3: RowsAvx2<3>(p, panel, r, col, cols); break;
    case 2: RowsAvx2<2>(p, panel, r, col, cols); break;
    case 1: RowsAvx2<1>(p, panel, r, col, cols); break;
    default: break;
  }
}

#endif

}  // namespace

size_t Int4PanelWidth(Int4Isa isa) { return isa == Int4Isa::kAvx512 ? 32 : kInt4PanelWidth; }

void DequantizeInt4Panel(const Int4Weights& b, Int4Isa isa, size_t col, size_t cols, float* panel) {
  const size_t width = Int4PanelWidth(isa);
#if defined(__x86_64__)
  if (isa == Int4Isa::kAvx512 && b.block % 32 == 0) {
    for (size_t g = 0; g < width; g += kInt4PanelWidth) {
      DequantizePanelAvx512(b, col + g, cols > g ? std::min(kInt4PanelWidth, cols - g) : 0, panel + g, width);
    }
    return;
  }
#endif
  std::memset(panel, 0, b.k * width * sizeof(float));
  DequantizePanelPortable(b, col, cols, panel, width);
}

void MultiplyInt4Panel(const Int4Problem& p, const float* panel, size_t col, size_t cols, const CancelFlag& cancel) {
#if defined(__x86_64__)
  if (p.isa == Int4Isa::kAvx512) return MultiplyAvx512(p, panel, col, cols, cancel);
  if (p.isa == Int4Isa::kAvx2) return MultiplyAvx2(p, panel, col, cols, cancel);
#endif
  MultiplyPortable(p, panel, col, cols, cancel);
}

bool UsesEvenOddGemv(const Int4Problem& p) { return p.isa == Int4Isa::kAvx512 && p.m <= kFusedRows && p.b.block % 32 == 0; }

size_t EvenOddFloats(const Int4Problem& p) { return p.m * p.b.blocks * p.b.block; }

void SplitEvenOdd(const Int4Problem& p, float* out) {
  const size_t padded = p.b.blocks * p.b.block;
  for (size_t r = 0; r < p.m; ++r) {
    const float* a = p.a + r * p.b.k;
    float* dest = out + r * padded;
    for (size_t k = 0; k < padded; ++k) {
      const size_t chunk = k / 32, i = k % 32;
      dest[chunk * 32 + (i % 2) * 16 + i / 2] = k < p.b.k ? a[k] : 0.0f;
    }
  }
}

namespace {

// The AVX-512 GEMV over columns [col, col + cols), K in slices that keep the slice of A's rows in
// L1 while all the columns pass over it (R x 2048 floats: 32 KB at R = 4; one row of K = 4096 fits
// whole). Without slices, 4 rows at K = 4096 (64 KB) streamed from L2 once per column: 1.50 ms at
// M = 4, K = N = 4096, against 0.54 for one row.
void MultiplyFusedTable(const Int4Problem& p, size_t col, size_t cols) {
  const size_t chunks = p.b.blocks * p.b.block / 32;
  const size_t slice = p.m == 1 ? chunks : 64;  // a multiple of every block's chunk count (at most 8)
  float partial[kFusedRows];
  for (size_t c0 = 0; c0 < chunks; c0 += slice) {
    const size_t c1 = std::min(chunks, c0 + slice);
    for (size_t c = 0; c < cols; ++c) {
      const size_t n = col + c;
#if defined(__x86_64__)
      switch (p.m) {
        case 1: FusedColumnTable<1>(p, n, c0, c1, partial); break;
        case 2: FusedColumnTable<2>(p, n, c0, c1, partial); break;
        case 3: FusedColumnTable<3>(p, n, c0, c1, partial); break;
        default: FusedColumnTable<4>(p, n, c0, c1, partial); break;
      }
#endif
      for (size_t r = 0; r < p.m; ++r) {
        float& y = p.y[r * p.b.n + n];
        y = (c0 == 0 ? (p.bias ? p.bias[n] : 0.0f) : y) + partial[r];
      }
    }
  }
}

}  // namespace

void MultiplyInt4Fused(const Int4Problem& p, size_t col, size_t cols) {
  if (p.a_even_odd != nullptr) return MultiplyFusedTable(p, col, cols);
  float out[kFusedRows];
  for (size_t c = 0; c < cols; ++c) {
    const size_t n = col + c;
#if defined(__x86_64__)
    if (p.isa != Int4Isa::kPortable) {
      switch (p.m) {
        case 1: FusedColumnAvx2<1>(p, n, out); break;
        case 2: FusedColumnAvx2<2>(p, n, out); break;
        case 3: FusedColumnAvx2<3>(p, n, out); break;
        default: FusedColumnAvx2<4>(p, n, out); break;
      }
    } else {
      FusedColumnPortable(p, n, out);
    }
#else
    FusedColumnPortable(p, n, out);
#endif
    for (size_t r = 0; r < p.m; ++r) p.y[r * p.b.n + n] = out[r] + (p.bias ? p.bias[n] : 0.0f);
  }
}

bool HasAvx512() {
#if defined(__x86_64__)
  static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return has;
#else
  return false;
#endif
}

}  // namespace edgepress
