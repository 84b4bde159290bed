// Sparse x dense products on top of spmm_kernel.h.
//
// csrMatmul:       Y[M,N] = A[M,K] (CSR) x B[K,N]. The kernel runs directly on 64-column panels
//                  of B (row stride N); each thread owns a range of A's rows.
// matmulDenseCsc:  Y[M,N] = X[M,K] x W[K,N] with W sparse in CSC form (= CSR of W^T: one line
//                  per output column n listing its nonzero k). This is the layer layout: a
//                  sparse MatMul/Gemm weight times a batch of 1..1024 activation rows. Y^T = W^T
//                  X^T, so X^T is packed once into K x 64 panels (64 activation rows side by
//                  side) and every nonzero w[k,n] adds w * X^T[k, 0..64) into eight AVX2
//                  registers: one broadcast, eight FMAs, and a contiguous 256-byte panel row
//                  per nonzero, with no gathers or scatters. CSR of W (scatter into Y rows) or a
//                  gather over X would need a memory access per multiply instead. Tiles of 16
//                  output columns are then transposed into Y. Each thread owns a range of
//                  output columns balanced by nonzero count.
//
// The split is by rows of the CSR operand, aligned to whole tiles; every output element is
// summed by one thread in nonzero order, so any thread count gives bit-identical results.
#include <napi.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "async_task.h"
#include "parallel.h"
#include "registry.h"
#include "spmm_kernel.h"
#include "typed_array_args.h"

namespace edgepress {
namespace {

constexpr size_t kTileRows = 16;

// Boundaries of `parts` row ranges of roughly equal cost (nonzeros plus a per-row overhead),
// each starting at a multiple of `align`.
std::vector<size_t> BalancedRowSplit(const int32_t* indptr, size_t rows, int parts, size_t align) {
  const double row_cost = 8.0;
  const double total = static_cast<double>(indptr[rows]) + row_cost * static_cast<double>(rows);
  std::vector<size_t> bounds{0};
  size_t r = 0;
  for (int p = 1; p < parts; ++p) {
    const double target = total * p / parts;
    while (r < rows && static_cast<double>(indptr[r]) + row_cost * static_cast<double>(r) < target) r += align;
    r = std::min(r, rows);
    bounds.push_back(std::max(r, bounds.back()));
  }
  bounds.push_back(rows);
  return bounds;
}

inline float* AlignTo64(float* p) {
  return reinterpret_cast<float*>((reinterpret_cast<uintptr_t>(p) + 63) & ~uintptr_t{63});
}

template <typename Body>
void ForEachPart(int threads, const std::vector<size_t>& bounds, Body body) {
  ParallelFor(threads, bounds.size() - 1, [&](size_t first, size_t last) {
    for (size_t p = first; p < last; ++p) body(bounds[p], bounds[p + 1]);
  });
}

void CsrTimesDense(const CsrView& a, size_t m, const float* b, size_t n, float* y, int threads,
                   const CancelFlag& cancel) {
  ForEachPart(threads, BalancedRowSplit(a.indptr, m, threads, kTileRows), [&](size_t row_begin, size_t row_end) {
    for (size_t c0 = 0; c0 < n; c0 += kSpmmPanelWidth) {
      const size_t width = std::min(kSpmmPanelWidth, n - c0);
      for (size_t r = row_begin; r < row_end; r += 4 * kTileRows) {
        cancel.ThrowIfCancelled();
        const size_t r_end = std::min(row_end, r + 4 * kTileRows);
        SpmmPanel(a, r, r_end, b + c0, n, width, y + r * n + c0, n);
      }
    }
  });
}

void DenseTimesCsc(const float* x, size_t m, size_t k, const CsrView& wt, size_t n, float* y, int threads,
                   const CancelFlag& cancel) {
  // Every thread packs the current panel itself: duplicating a K x 64 transpose is cheaper than
  // a second round of thread start-up and a barrier, and memory stays at one panel per thread.
  ForEachPart(threads, BalancedRowSplit(wt.indptr, n, threads, kTileRows), [&](size_t col_begin, size_t col_end) {
    // 64-byte aligned: unaligned panel rows split a quarter of the loads across cache lines,
    // which measured about 30 % slower.
    std::unique_ptr<float[]> panel_storage(new float[k * kSpmmPanelWidth + 16]);
    float* panel = AlignTo64(panel_storage.get());
    alignas(64) float tile[kTileRows * kSpmmPanelWidth];
    for (size_t m0 = 0; m0 < m; m0 += kSpmmPanelWidth) {
      cancel.ThrowIfCancelled();
      const size_t width = std::min(kSpmmPanelWidth, m - m0);
      TransposeBlock(x + m0 * k, k, panel, width, width, k);
      for (size_t c = col_begin; c < col_end; c += kTileRows) {
        if ((c & 255) == 0) cancel.ThrowIfCancelled();
        const size_t c_end = std::min(col_end, c + kTileRows);
        SpmmPanel(wt, c, c_end, panel, width, width, tile, kSpmmPanelWidth);
        TransposeBlock(tile, kSpmmPanelWidth, y + m0 * n + c, n, c_end - c, width);
      }
    }
  });
}

Napi::Value CsrMatmul(const Napi::CallbackInfo& info) {
  // (indptr[M+1], indices, values, M, K, b[K*N], N, y[M*N], threads, cancel)
  const ArraySpan<int32_t> indptr = TypedArrayArg<int32_t>(info, 0);
  const ArraySpan<int32_t> indices = TypedArrayArg<int32_t>(info, 1);
  const ArraySpan<float> values = TypedArrayArg<float>(info, 2);
  const size_t m = SizeArg(info, 3), k = SizeArg(info, 4);
  const ArraySpan<float> b = TypedArrayArg<float>(info, 5);
  const size_t n = SizeArg(info, 6);
  const ArraySpan<float> y = TypedArrayArg<float>(info, 7);
  const int threads = ThreadsArg(info, 8);
  if (indptr.size != m + 1 || indices.size != values.size || b.size != k * n || y.size != m * n) {
    throw Napi::RangeError::New(info.Env(), "csrMatmul: inconsistent arguments");
  }
  const CsrView a{indptr.data, indices.data, values.data};
  AsyncTask* task = AsyncTask::Create(info.Env(), info[9], {info[0], info[1], info[2], info[5], info[7]});
  return task->Run([=](const CancelFlag& cancel) { CsrTimesDense(a, m, b.data, n, y.data, threads, cancel); },
                   [](Napi::Env env) -> Napi::Value { return env.Undefined(); });
}

Napi::Value MatmulDenseCsc(const Napi::CallbackInfo& info) {
  // (x[M*K], M, K, colptr[N+1], rowIndices, values, N, y[M*N], threads, cancel)
  const ArraySpan<float> x = TypedArrayArg<float>(info, 0);
  const size_t m = SizeArg(info, 1), k = SizeArg(info, 2);
  const ArraySpan<int32_t> colptr = TypedArrayArg<int32_t>(info, 3);
  const ArraySpan<int32_t> rows = TypedArrayArg<int32_t>(info, 4);
  const ArraySpan<float> values = TypedArrayArg<float>(info, 5);
  const size_t n = SizeArg(info, 6);
  const ArraySpan<float> y = TypedArrayArg<float>(info, 7);
  const int threads = ThreadsArg(info, 8);
  if (x.size != m * k || colptr.size != n + 1 || rows.size != values.size || y.size != m * n) {
    throw Napi::RangeError::New(info.Env(), "matmulDenseCsc: inconsistent arguments");
  }
  const CsrView wt{colptr.data, rows.data, values.data};
  AsyncTask* task = AsyncTask::Create(info.Env(), info[9], {info[0], info[3], info[4], info[5], info[7]});
  return task->Run([=](const CancelFlag& cancel) { DenseTimesCsc(x.data, m, k, wt, n, y.data, threads, cancel); },
                   [](Napi::Env env) -> Napi::Value { return env.Undefined(); });
}

void InitSpmm(Napi::Env env, Napi::Object exports) {
  exports.Set("csrMatmul", Napi::Function::New(env, CsrMatmul, "csrMatmul"));
  exports.Set("matmulDenseCsc", Napi::Function::New(env, MatmulDenseCsc, "matmulDenseCsc"));
}

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitSpmm);

}  // namespace edgepress
