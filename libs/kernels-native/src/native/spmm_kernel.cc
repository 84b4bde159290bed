#include "spmm_kernel.h"

#include <algorithm>
#include <cstring>

#include "cpu_features.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace edgepress {
namespace {

// The nonzeros a kernel call walks: row r's are [begins[r], ends[r]) (a whole CSR row, or its
// part in one column block). With `accumulate`, each row's sums start from what `out` holds.
struct RowSpans {
  const int32_t* begins;
  const int32_t* ends;
  const int32_t* indices;
  const float* values;
  // Whole rows: panel rows anywhere in K, worth prefetching (AVX-512). A column block's panel rows
  // are few and reused from L1, and the nonzeros ahead of a span belong to other blocks.
  bool whole_rows;
};

void SpmmPanelPortable(const RowSpans& a, size_t row_begin, size_t row_end, const float* panel, size_t ldp,
                       size_t width, float* out, size_t ldo, bool accumulate) {
  float acc[kSpmmPanelWidth];
  for (size_t r = row_begin; r < row_end; ++r) {
    if (accumulate) {
      std::memcpy(acc, out + (r - row_begin) * ldo, width * sizeof(float));
    } else {
      std::memset(acc, 0, sizeof acc);
    }
    for (int32_t j = a.begins[r]; j < a.ends[r]; ++j) {
      const float v = a.values[j];
      const float* row = panel + static_cast<size_t>(a.indices[j]) * ldp;
      for (size_t c = 0; c < width; ++c) acc[c] += v * row[c];
    }
    std::memcpy(out + (r - row_begin) * ldo, acc, width * sizeof(float));
  }
}

#if defined(__x86_64__)

__attribute__((target("avx2,fma"))) inline __m256i TailMask(size_t tail) {
  alignas(32) static const int32_t kLanes[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kLanes + 8 - tail));
}

// kVectors full vectors plus, with kTail, one partial vector under `tail`.
template <int kVectors, bool kTail>
__attribute__((target("avx2,fma"))) void PanelAvx2(const RowSpans& a, size_t row_begin, size_t row_end,
                                                   const float* panel, size_t ldp, size_t tail_width, float* out,
                                                   size_t ldo, bool accumulate) {
  constexpr int kAcc = kVectors + (kTail ? 1 : 0);
  const __m256i tail = TailMask(kTail ? tail_width : 8);
  for (size_t r = row_begin; r < row_end; ++r) {
    float* dst = out + (r - row_begin) * ldo;
    __m256 acc[kAcc];
    for (int q = 0; q < kVectors; ++q) acc[q] = accumulate ? _mm256_loadu_ps(dst + 8 * q) : _mm256_setzero_ps();
    if (kTail) acc[kVectors] = accumulate ? _mm256_maskload_ps(dst + 8 * kVectors, tail) : _mm256_setzero_ps();
    const int32_t end = a.ends[r];
    for (int32_t j = a.begins[r]; j < end; ++j) {
      const __m256 v = _mm256_broadcast_ss(a.values + j);
      const float* row = panel + static_cast<size_t>(a.indices[j]) * ldp;
      for (int q = 0; q < kVectors; ++q) acc[q] = _mm256_fmadd_ps(v, _mm256_loadu_ps(row + 8 * q), acc[q]);
      if (kTail) acc[kVectors] = _mm256_fmadd_ps(v, _mm256_maskload_ps(row + 8 * kVectors, tail), acc[kVectors]);
    }
    for (int q = 0; q < kVectors; ++q) _mm256_storeu_ps(dst + 8 * q, acc[q]);
    if (kTail) _mm256_maskstore_ps(dst + 8 * kVectors, tail, acc[kVectors]);
  }
}

// A one-column contiguous panel (one activation row): a sparse dot product per row, eight
// nonzeros per gather.
// Never called with column blocks (SpmmPanel), whose sums would start from a stored value.
__attribute__((target("avx2,fma"))) void DotAvx2(const RowSpans& a, size_t row_begin, size_t row_end,
                                                 const float* x, float* out, size_t ldo) {
  for (size_t r = row_begin; r < row_end; ++r) {
    __m256 acc = _mm256_setzero_ps();
    int32_t j = a.begins[r];
    const int32_t end = a.ends[r];
    for (; j + 8 <= end; j += 8) {
      const __m256i idx = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a.indices + j));
      acc = _mm256_fmadd_ps(_mm256_loadu_ps(a.values + j), _mm256_i32gather_ps(x, idx, 4), acc);
    }
    __m128 sum4 = _mm_add_ps(_mm256_castps256_ps128(acc), _mm256_extractf128_ps(acc, 1));
    sum4 = _mm_add_ps(sum4, _mm_movehl_ps(sum4, sum4));
    float sum = _mm_cvtss_f32(_mm_add_ss(sum4, _mm_shuffle_ps(sum4, sum4, 1)));
    for (; j < end; ++j) sum += a.values[j] * x[a.indices[j]];
    out[(r - row_begin) * ldo] = sum;
  }
}

using PanelFn = void (*)(const RowSpans&, size_t, size_t, const float*, size_t, size_t, float*, size_t, bool);

template <int kVectors>
constexpr PanelFn PanelFor(bool tail) {
  return tail ? &PanelAvx2<kVectors, true> : &PanelAvx2<kVectors, false>;
}

void SpmmPanelAvx2(const RowSpans& a, size_t row_begin, size_t row_end, const float* panel, size_t ldp, size_t width,
                   float* out, size_t ldo, bool accumulate) {
  if (width == 1 && ldp == 1 && !accumulate) {
    DotAvx2(a, row_begin, row_end, panel, out, ldo);
    return;
  }
  static const PanelFn kTable[9][2] = {
      {nullptr, PanelFor<0>(true)}, {PanelFor<1>(false), PanelFor<1>(true)}, {PanelFor<2>(false), PanelFor<2>(true)},
      {PanelFor<3>(false), PanelFor<3>(true)}, {PanelFor<4>(false), PanelFor<4>(true)}, {PanelFor<5>(false), PanelFor<5>(true)},
      {PanelFor<6>(false), PanelFor<6>(true)}, {PanelFor<7>(false), PanelFor<7>(true)}, {PanelFor<8>(false), nullptr}};
  kTable[width / 8][width % 8 != 0 ? 1 : 0](a, row_begin, row_end, panel, ldp, width % 8, out, ldo, accumulate);
}

// AVX-512: four 16-float vectors cover a 64-wide panel; a partial last vector is masked (a
// separate load and mask register per nonzero, so full-width panels use the unmasked variant).
// Each nonzero prefetches the panel row of the nonzero kPrefetchAhead places later (its first
// and third 64-byte lines): a panel of K x 64 floats lives in L2, not L1. Measured on Zen 5 at
// 64 x 1024 x 1024, 90 % sparse: 1.33 -> 1.23 ns per nonzero; prefetching all four lines, or 4,
// 8 or 32 places ahead, gained less or nothing (prefetches take load slots too). Splitting the
// sums over two accumulator sets or interleaving two rows gained under 4 %: the loop is bound by
// its loads, not by the FMA latency.
constexpr int32_t kPrefetchAhead = 16;

template <int kVectors, bool kMasked>
__attribute__((target("avx512f"))) void PanelAvx512(const RowSpans& a, size_t row_begin, size_t row_end,
                                                   const float* panel, size_t ldp, size_t width, float* out,
                                                   size_t ldo, bool accumulate) {
  const size_t last = width - 16 * (kVectors - 1);
  const __mmask16 tail = static_cast<__mmask16>(last >= 16 ? 0xffffu : (1u << last) - 1u);
  constexpr int kFull = kMasked ? kVectors - 1 : kVectors;
  // The last nonzero of these rows: prefetch indices stay within the arrays.
  // (Spans grow with r, so this bounds every row's.)
  const int32_t last_nonzero = a.ends[row_end - 1] - 1;
  for (size_t r = row_begin; r < row_end; ++r) {
    float* dst = out + (r - row_begin) * ldo;
    __m512 acc[kVectors];
    for (int q = 0; q < kFull; ++q) acc[q] = accumulate ? _mm512_loadu_ps(dst + 16 * q) : _mm512_setzero_ps();
    if (kMasked) acc[kVectors - 1] = accumulate ? _mm512_maskz_loadu_ps(tail, dst + 16 * (kVectors - 1)) : _mm512_setzero_ps();
    const int32_t end = a.ends[r];
    for (int32_t j = a.begins[r]; j < end; ++j) {
      if (a.whole_rows) {
        const int32_t ahead = std::min(j + kPrefetchAhead, last_nonzero);
        const char* upcoming = reinterpret_cast<const char*>(panel + static_cast<size_t>(a.indices[ahead]) * ldp);
        _mm_prefetch(upcoming, _MM_HINT_T0);
        if (kVectors > 2) _mm_prefetch(upcoming + 128, _MM_HINT_T0);
      }
      const __m512 v = _mm512_set1_ps(a.values[j]);
      const float* row = panel + static_cast<size_t>(a.indices[j]) * ldp;
      for (int q = 0; q < kFull; ++q) acc[q] = _mm512_fmadd_ps(v, _mm512_loadu_ps(row + 16 * q), acc[q]);
      if (kMasked) {
        acc[kVectors - 1] = _mm512_fmadd_ps(v, _mm512_maskz_loadu_ps(tail, row + 16 * (kVectors - 1)), acc[kVectors - 1]);
      }
    }
    for (int q = 0; q < kFull; ++q) _mm512_storeu_ps(dst + 16 * q, acc[q]);
    if (kMasked) _mm512_mask_storeu_ps(dst + 16 * (kVectors - 1), tail, acc[kVectors - 1]);
  }
}

template <int kVectors>
void PanelAvx512Width(const RowSpans& a, size_t row_begin, size_t row_end, const float* panel, size_t ldp,
                      size_t width, float* out, size_t ldo, bool accumulate) {
  if (width == 16 * kVectors) {
    PanelAvx512<kVectors, false>(a, row_begin, row_end, panel, ldp, width, out, ldo, accumulate);
  } else {
    PanelAvx512<kVectors, true>(a, row_begin, row_end, panel, ldp, width, out, ldo, accumulate);
  }
}

// The one-column case on AVX-512: a sparse dot product per row, 16 nonzeros per gather and two
// sums. Measured on Zen 5 at 4096 x 4096, 90 % sparse: 0.28 ns a nonzero against 0.37 for the
// AVX2 kernel's 8-wide gathers (0.31 against 0.37 at 50 %).
__attribute__((target("avx512f"))) void DotAvx512(const RowSpans& a, size_t row_begin, size_t row_end, const float* x,
                                                  float* out, size_t ldo) {
  for (size_t r = row_begin; r < row_end; ++r) {
    __m512 acc0 = _mm512_setzero_ps(), acc1 = _mm512_setzero_ps();
    int32_t j = a.begins[r];
    const int32_t end = a.ends[r];
    for (; j + 32 <= end; j += 32) {
      const __m512i i0 = _mm512_loadu_si512(a.indices + j), i1 = _mm512_loadu_si512(a.indices + j + 16);
      acc0 = _mm512_fmadd_ps(_mm512_loadu_ps(a.values + j), _mm512_i32gather_ps(i0, x, 4), acc0);
      acc1 = _mm512_fmadd_ps(_mm512_loadu_ps(a.values + j + 16), _mm512_i32gather_ps(i1, x, 4), acc1);
    }
    for (; j < end; j += 16) {
      const int32_t left = end - j;
      const __mmask16 m = static_cast<__mmask16>(left >= 16 ? 0xFFFFu : (1u << left) - 1u);
      const __m512i i0 = _mm512_maskz_loadu_epi32(m, a.indices + j);
      acc0 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, a.values + j), _mm512_mask_i32gather_ps(_mm512_setzero_ps(), m, i0, x, 4), acc0);
    }
    out[(r - row_begin) * ldo] = _mm512_reduce_add_ps(_mm512_add_ps(acc0, acc1));
  }
}

// One nonzero k of a narrow panel (see NarrowRowsAvx512) added to a row's sum.
__attribute__((target("avx512f"))) inline __m512 AddNarrow(const RowSpans& a, const float* panel, size_t ldp, __mmask16 mask,
                                                           __m512 acc, int32_t k) {
  const __m512 row = _mm512_maskz_loadu_ps(mask, panel + static_cast<size_t>(a.indices[k]) * ldp);
  return _mm512_fmadd_ps(_mm512_set1_ps(a.values[k]), row, acc);
}

// Panels of at most 16 columns (2 to 16 activation rows): one vector per nonzero, so a row's sum is
// one chain of dependent FMAs, and the FMA latency, not the loads, bounds it. Four rows walk their
// nonzeros side by side (four independent chains; named variables, since GCC kept an array of
// them in memory); each row still sums its own nonzeros in order, so results are those of one row
// at a time. Measured on Zen 5 at K = N = 1024, one thread, 2 to 16 activation rows: 90-100 ->
// 67-70 us at 90 % sparsity, 425-490 -> 286-315 us at 50 %; eight rows side by side ran no faster.
__attribute__((target("avx512f"))) void NarrowRowsAvx512(const RowSpans& a, size_t row_begin, size_t row_end,
                                                         const float* panel, size_t ldp, size_t width, float* out,
                                                         size_t ldo, bool accumulate) {
  const __mmask16 mask = static_cast<__mmask16>(width >= 16 ? 0xFFFFu : (1u << width) - 1u);
  __m512 sum[4];
  int32_t next[4];
  size_t r = row_begin;
  while (r < row_end) {
    const size_t rows = std::min<size_t>(4, row_end - r);
    for (size_t q = 0; q < rows; ++q) {
      sum[q] = accumulate ? _mm512_maskz_loadu_ps(mask, out + (r + q - row_begin) * ldo) : _mm512_setzero_ps();
      next[q] = a.begins[r + q];
    }
    if (rows == 4) {
      int32_t common = a.ends[r] - next[0];
      for (size_t q = 1; q < 4; ++q) common = std::min(common, a.ends[r + q] - next[q]);
      __m512 s0 = sum[0], s1 = sum[1], s2 = sum[2], s3 = sum[3];
      for (int32_t i = 0; i < common; ++i) {
        s0 = AddNarrow(a, panel, ldp, mask, s0, next[0] + i);
        s1 = AddNarrow(a, panel, ldp, mask, s1, next[1] + i);
        s2 = AddNarrow(a, panel, ldp, mask, s2, next[2] + i);
        s3 = AddNarrow(a, panel, ldp, mask, s3, next[3] + i);
      }
      sum[0] = s0;
      sum[1] = s1;
      sum[2] = s2;
      sum[3] = s3;
      for (size_t q = 0; q < 4; ++q) next[q] += common;
    }
    for (size_t q = 0; q < rows; ++q) {
      __m512 acc = sum[q];
      for (int32_t k = next[q]; k < a.ends[r + q]; ++k) acc = AddNarrow(a, panel, ldp, mask, acc, k);
      _mm512_mask_storeu_ps(out + (r + q - row_begin) * ldo, mask, acc);
    }
    r += rows;
  }
}

void SpmmPanelAvx512(const RowSpans& a, size_t row_begin, size_t row_end, const float* panel, size_t ldp,
                     size_t width, float* out, size_t ldo, bool accumulate) {
  switch ((width + 15) / 16) {
    case 1: return NarrowRowsAvx512(a, row_begin, row_end, panel, ldp, width, out, ldo, accumulate);
    case 2: return PanelAvx512Width<2>(a, row_begin, row_end, panel, ldp, width, out, ldo, accumulate);
    case 3: return PanelAvx512Width<3>(a, row_begin, row_end, panel, ldp, width, out, ldo, accumulate);
    default: return PanelAvx512Width<4>(a, row_begin, row_end, panel, ldp, width, out, ldo, accumulate);
  }
}
#endif

}  // namespace

bool SpmmKernelAvailable(SpmmKernel kernel) {
  switch (kernel) {
    case SpmmKernel::kAuto:
    case SpmmKernel::kPortable:
      return true;
#if defined(__x86_64__)
    case SpmmKernel::kAvx2:
      return HasAvx2Fma();
    case SpmmKernel::kAvx512:
      return HasAvx512F();
#endif
    default:
      return false;
  }
}

SpmmKernel ResolveSpmmKernel(SpmmKernel requested) {
  if (requested != SpmmKernel::kAuto) return requested;
  if (SpmmKernelAvailable(SpmmKernel::kAvx512)) return SpmmKernel::kAvx512;
  if (SpmmKernelAvailable(SpmmKernel::kAvx2)) return SpmmKernel::kAvx2;
  return SpmmKernel::kPortable;
}

namespace {

void SpansTimesPanel(SpmmKernel kernel, const RowSpans& a, size_t row_begin, size_t row_end, const float* panel,
                     size_t ldp, size_t width, float* out, size_t ldo, bool accumulate) {
#if defined(__x86_64__)
  if (kernel == SpmmKernel::kAvx512 && width == 1 && ldp == 1 && !accumulate) {
    DotAvx512(a, row_begin, row_end, panel, out, ldo);
    return;
  }
  if (kernel == SpmmKernel::kAvx512) {
    SpmmPanelAvx512(a, row_begin, row_end, panel, ldp, width, out, ldo, accumulate);
    return;
  }
  if (kernel == SpmmKernel::kAvx2 || kernel == SpmmKernel::kAvx512) {
    SpmmPanelAvx2(a, row_begin, row_end, panel, ldp, width, out, ldo, accumulate);
    return;
  }
#endif
  SpmmPanelPortable(a, row_begin, row_end, panel, ldp, width, out, ldo, accumulate);
}

}  // namespace

void SpmmPanel(SpmmKernel kernel, const CsrView& a, size_t row_begin, size_t row_end, const float* panel, size_t ldp,
               size_t width, float* out, size_t ldo) {
  if (row_begin >= row_end) return;
  // A one-column contiguous panel is a sparse dot product per row (its own kernel), and fits in L1;
  // panels of up to 16 columns measured as fast or faster without blocks (at 90 % sparsity, 2 to 16
  // columns: 65 against 74 us at K = N = 1024).
  if (a.block_starts == nullptr || a.blocks < 2 || width <= 16) {
    SpansTimesPanel(kernel, {a.indptr, a.indptr + 1, a.indices, a.values, true}, row_begin, row_end, panel, ldp, width, out,
                    ldo, false);
    return;
  }
  for (size_t b = 0; b < a.blocks; ++b) {
    const RowSpans block{a.block_starts + b * a.rows, a.block_starts + (b + 1) * a.rows, a.indices, a.values, false};
    SpansTimesPanel(kernel, block, row_begin, row_end, panel, ldp, width, out, ldo, b > 0);
  }
}

}  // namespace edgepress
