// Sparse x dense products on top of spmm_kernel.h.
//
// csrMatmul:       Y[M,N] = A[M,K] (CSR) x B[K,N]. The kernel runs directly on 64-column panels
//                  of B (row stride N).
// matmulDenseCsc:  Y[M,N] = X[M,K] x W[K,N] with W sparse in CSC form (= CSR of W^T: one line
//                  per output column n listing its nonzero k). This is the layer layout: a
//                  sparse MatMul/Gemm weight times a batch of 1..1024 activation rows. Y^T = W^T
//                  X^T, so X^T is packed into K x 64 panels (64 activation rows side by side,
//                  by each thread for the units it takes) and every nonzero w[k,n] adds
//                  w * X^T[k, 0..64) into four AVX-512 (eight AVX2) registers: one broadcast,
//                  four (eight) FMAs, and a contiguous 256-byte panel row
//                  per nonzero, with no gathers or scatters. CSR of W (scatter into Y rows) or a
//                  gather over X would need a memory access per multiply instead. A work
//                  unit's 64 output columns (a 16 KiB tile) are then transposed into Y at once,
//                  so that each row of Y gets 256 contiguous bytes (tiles of 16 columns wrote
//                  one 64-byte line per row at a time, 4 KB apart: 0.17 -> 0.16 ms at
//                  64 x 1024 x 1024, 90 % sparse, one thread).
//
// Work goes to the shared worker pool in units of 64 rows of the CSR operand (times one panel);
// every output element is summed within one unit in nonzero order, so any thread count gives
// bit-identical results.
#include <napi.h>

#include <algorithm>
#include <cstdint>
#include <memory>

#include "async_task.h"
#include "gemm_worker_pool.h"
#include "output_buffers.h"
#include "registry.h"
#include "spmm_kernel.h"
#include "thread_scratch.h"
#include "transpose_block.h"
#include "typed_array_args.h"

namespace edgepress {
namespace {

// Work units handed to the worker pool: small enough that a thread the OS schedules late on a
// busy machine costs little (the others take the remaining units), large enough to amortise.
constexpr size_t kRowsPerUnit = 64;
// Products of at most this many multiply-adds (rows of the dense side times nonzeros; about half
// a millisecond on one core at 0.017 ns each, Zen 5) run on the JavaScript thread (see
// AsyncTask::Run). At 2^24, 256 x 1024 x 1024 at 90 % sparsity went through the libuv pool and
// took 0.37 ms on 2 threads against 0.61 on one.
constexpr size_t kInlineMultiplyAdds = size_t{1} << 25;

void CsrTimesDense(SpmmKernel kernel, const CsrView& a, size_t m, const float* b, size_t n, float* y, int threads,
                   const CancelFlag& cancel) {
  const size_t units = (m + kRowsPerUnit - 1) / kRowsPerUnit;
  RunOnWorkerPool(threads, units, [&](size_t unit) {
    cancel.ThrowIfCancelled();
    const size_t r = unit * kRowsPerUnit, r_end = std::min(m, r + kRowsPerUnit);
    for (size_t c0 = 0; c0 < n; c0 += kSpmmPanelWidth) {
      SpmmPanel(kernel, a, r, r_end, b + c0, n, std::min(kSpmmPanelWidth, n - c0), y + r * n + c0, n);
    }
  });
}

// Output columns [64 chunk, 64 chunk + 64) of one panel of `width` activation rows: computed into
// a 16 KiB tile and transposed into Y (row stride n) at once, so that each row of Y gets 256
// contiguous bytes.
void MultiplyColumns(SpmmKernel kernel, const CsrView& wt, const float* panel, size_t width, size_t n, size_t chunk, float* y) {
  const size_t c_begin = chunk * kRowsPerUnit, c_end = std::min(n, c_begin + kRowsPerUnit);
  alignas(64) float tile[kRowsPerUnit * kSpmmPanelWidth];
  SpmmPanel(kernel, wt, c_begin, c_end, panel, width, width, tile, kSpmmPanelWidth);
  TransposeBlock(tile, kSpmmPanelWidth, y + c_begin, n, c_end - c_begin, width);
}

// Every thread packs the panels of the units it takes into scratch of its own, one panel at a time
// and just before multiplying from it (units go panel by panel, and each thread's contiguous range
// of units covers a few whole panels). A panel packed by one thread and read by another crossed
// between the cores' caches on every call: for a single panel (64 x 1024 x 1024, 90 % sparse, 2
// threads) a work unit took 11-14 us against 10 on one thread, and a call 0.103-0.159 ms against
// 0.098-0.115 with private copies; at 256 x 1024 x 1024 (four panels packed by the caller, then
// shared) 2 threads ran at 0.38 ms against 0.63 on one.
void DenseTimesCsc(SpmmKernel kernel, const float* x, size_t m, size_t k, const CsrView& wt, size_t n, float* y,
                   int threads, const CancelFlag& cancel) {
  struct PackedPanel {
    std::unique_ptr<ThreadScratch> scratch;
    size_t index = 0;
    bool valid = false;
  };
  static thread_local PackedPanel own;
  const size_t chunks = (n + kRowsPerUnit - 1) / kRowsPerUnit;
  const size_t panels = (m + kSpmmPanelWidth - 1) / kSpmmPanelWidth;
  RunOnWorkerPool(
      threads, panels * chunks,
      [&](size_t unit) {
        cancel.ThrowIfCancelled();
        const size_t panel = unit / chunks, m0 = panel * kSpmmPanelWidth;
        const size_t width = std::min(kSpmmPanelWidth, m - m0);
        // 64-byte aligned (ThreadScratch): unaligned panel rows split a quarter of the loads across
        // cache lines, which measured about 30 % slower.
        float* packed = reinterpret_cast<float*>(own.scratch->data());
        if (!own.valid || own.index != panel) {
          TransposeBlock(x + m0 * k, k, packed, width, width, k);
          own.index = panel;
          own.valid = true;
        }
        MultiplyColumns(kernel, wt, packed, width, n, unit % chunks, y + m0 * n);
      },
      [&](bool enter) {
        if (enter) {
          own.scratch = std::make_unique<ThreadScratch>(std::min(m, kSpmmPanelWidth) * k * sizeof(float));
          own.valid = false;
        } else {
          own.scratch.reset();
        }
      });
}

// A kernel id (SpmmKernel) that this CPU runs, resolved from kAuto.
SpmmKernel KernelArg(const Napi::CallbackInfo& info, size_t index) {
  const size_t id = SizeArg(info, index);
  if (id > 3 || !SpmmKernelAvailable(static_cast<SpmmKernel>(id))) {
    throw Napi::RangeError::New(info.Env(), "the requested sparse kernel is not available on this CPU");
  }
  return ResolveSpmmKernel(static_cast<SpmmKernel>(id));
}

Napi::Value SparseKernels(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object result = Napi::Object::New(env);
  result.Set("portable", Napi::Boolean::New(env, true));
  result.Set("avx2", Napi::Boolean::New(env, SpmmKernelAvailable(SpmmKernel::kAvx2)));
  result.Set("avx512", Napi::Boolean::New(env, SpmmKernelAvailable(SpmmKernel::kAvx512)));
  const char* names[] = {"auto", "portable", "avx2", "avx512"};
  result.Set("auto", Napi::String::New(env, names[static_cast<int>(ResolveSpmmKernel(SpmmKernel::kAuto))]));
  return result;
}

// The output: the caller's Float32Array (argument `index`), or a pooled block handed to JS at the end.
struct SpmmOutput {
  explicit SpmmOutput(const Napi::CallbackInfo& info, size_t index, size_t floats) {
    if (info[index].IsUndefined()) {
      block = std::make_unique<OutputBlock>(floats);
      data = block->data();
    } else {
      const ArraySpan<float> given = TypedArrayArg<float>(info, index);
      if (given.size != floats) throw Napi::RangeError::New(info.Env(), "the output has the wrong length");
      data = given.data;
      js = Napi::Persistent(info[index].As<Napi::Object>());
    }
  }
  Napi::Value Result(Napi::Env env) { return block ? Napi::Value(block->ToJs(env)) : js.Value(); }
  float* data = nullptr;
  std::unique_ptr<OutputBlock> block;
  Napi::ObjectReference js;
};

// Arguments `index` and `index + 1`: a prepared matrix's column blocks (see spmm_kernel.h), or
// undefined and 0. Their starts come from csr-column-blocks.ts, built from a matrix that
// csr.ts validated and kept private, so only their length is checked here.
void ColumnBlocksArg(const Napi::CallbackInfo& info, size_t index, size_t rows, CsrView* a) {
  if (info[index].IsUndefined()) return;
  const ArraySpan<int32_t> starts = TypedArrayArg<int32_t>(info, index);
  const size_t blocks = SizeArg(info, index + 1);
  if (blocks == 0 || starts.size != (blocks + 1) * rows) {
    throw Napi::RangeError::New(info.Env(), "the column blocks do not match the sparse matrix");
  }
  a->block_starts = starts.data;
  a->blocks = blocks;
  a->rows = rows;
}

Napi::Value CsrMatmul(const Napi::CallbackInfo& info) {
  // (indptr[M+1], indices, values, M, K, b[K*N], N, y[M*N] | undefined, kernel, threads, cancel,
  //  blockStarts | undefined, blocks) -> y
  const ArraySpan<int32_t> indptr = TypedArrayArg<int32_t>(info, 0);
  const ArraySpan<int32_t> indices = TypedArrayArg<int32_t>(info, 1);
  const ArraySpan<float> values = TypedArrayArg<float>(info, 2);
  const size_t m = SizeArg(info, 3), k = SizeArg(info, 4);
  const ArraySpan<float> b = TypedArrayArg<float>(info, 5);
  const size_t n = SizeArg(info, 6);
  const SpmmKernel kernel = KernelArg(info, 8);
  const int threads = ThreadsArg(info, 9);
  if (indptr.size != m + 1 || indices.size != values.size || b.size != k * n) {
    throw Napi::RangeError::New(info.Env(), "csrMatmul: inconsistent arguments");
  }
  CsrView a{indptr.data, indices.data, values.data};
  ColumnBlocksArg(info, 11, m, &a);
  auto y = std::make_shared<SpmmOutput>(info, 7, m * n);
  AsyncTask* task = AsyncTask::Create(info.Env(), info[10], {info[0], info[1], info[2], info[5], info[11]});
  return task->Run([=](const CancelFlag& cancel) { CsrTimesDense(kernel, a, m, b.data, n, y->data, threads, cancel); },
                   [=](Napi::Env env) -> Napi::Value { return y->Result(env); }, values.size * n <= kInlineMultiplyAdds);
}

Napi::Value MatmulDenseCsc(const Napi::CallbackInfo& info) {
  // (x[M*K], M, K, colptr[N+1], rowIndices, values, N, y[M*N] | undefined, kernel, threads, cancel,
  //  blockStarts | undefined, blocks) -> y
  const ArraySpan<float> x = TypedArrayArg<float>(info, 0);
  const size_t m = SizeArg(info, 1), k = SizeArg(info, 2);
  const ArraySpan<int32_t> colptr = TypedArrayArg<int32_t>(info, 3);
  const ArraySpan<int32_t> rows = TypedArrayArg<int32_t>(info, 4);
  const ArraySpan<float> values = TypedArrayArg<float>(info, 5);
  const size_t n = SizeArg(info, 6);
  const SpmmKernel kernel = KernelArg(info, 8);
  const int threads = ThreadsArg(info, 9);
  if (x.size != m * k || colptr.size != n + 1 || rows.size != values.size) {
    throw Napi::RangeError::New(info.Env(), "matmulDenseCsc: inconsistent arguments");
  }
  CsrView wt{colptr.data, rows.data, values.data};
  ColumnBlocksArg(info, 11, n, &wt);
  auto y = std::make_shared<SpmmOutput>(info, 7, m * n);
  AsyncTask* task = AsyncTask::Create(info.Env(), info[10], {info[0], info[3], info[4], info[5], info[11]});
  return task->Run([=](const CancelFlag& cancel) { DenseTimesCsc(kernel, x.data, m, k, wt, n, y->data, threads, cancel); },
                   [=](Napi::Env env) -> Napi::Value { return y->Result(env); }, values.size * m <= kInlineMultiplyAdds);
}

void InitSpmm(Napi::Env env, Napi::Object exports) {
  exports.Set("csrMatmul", Napi::Function::New(env, CsrMatmul, "csrMatmul"));
  exports.Set("matmulDenseCsc", Napi::Function::New(env, MatmulDenseCsc, "matmulDenseCsc"));
  exports.Set("sparseKernels", Napi::Function::New(env, SparseKernels, "sparseKernels"));
}

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitSpmm);

}  // namespace edgepress
