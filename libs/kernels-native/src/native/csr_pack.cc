// CSR pack and unpack of a 2-D fp32 matrix. With `transpose` the matrix is packed column by
// column (CSC), which is the CSR form of its transpose: the layout the sparse-weight MatMul
// reads (see spmm_dense_csc.cc). Zero means == 0.0f (both signed zeros); NaN is kept.
// Indices within a row come out ascending. Rows (or columns) are counted and filled by ranges
// of whole rows per thread, so the result does not depend on the thread count.
#include <napi.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "async_task.h"
#include "parallel.h"
#include "registry.h"
#include "typed_array_args.h"

namespace edgepress {
namespace {

struct PackedCsr {
  std::vector<int32_t> indptr;
  std::vector<int32_t> indices;
  std::vector<float> values;
};

// Packs the `outer` lines of a matrix: line l holds elements data[l * line_stride + e * element_stride].
void PackLines(const float* data, size_t outer, size_t length, size_t line_stride, size_t element_stride, int threads,
               const CancelFlag& cancel, PackedCsr* packed) {
  packed->indptr.assign(outer + 1, 0);
  int32_t* indptr = packed->indptr.data();
  ParallelFor(threads, outer, [&](size_t first, size_t last) {
    for (size_t l = first; l < last; ++l) {
      if ((l & 255) == 0) cancel.ThrowIfCancelled();
      const float* line = data + l * line_stride;
      int32_t count = 0;
      for (size_t e = 0; e < length; ++e) count += line[e * element_stride] != 0.0f;
      indptr[l + 1] = count;
    }
  });
  for (size_t l = 0; l < outer; ++l) indptr[l + 1] += indptr[l];
  packed->indices.resize(static_cast<size_t>(indptr[outer]));
  packed->values.resize(static_cast<size_t>(indptr[outer]));
  ParallelFor(threads, outer, [&](size_t first, size_t last) {
    for (size_t l = first; l < last; ++l) {
      if ((l & 255) == 0) cancel.ThrowIfCancelled();
      const float* line = data + l * line_stride;
      size_t at = static_cast<size_t>(indptr[l]);
      for (size_t e = 0; e < length; ++e) {
        const float value = line[e * element_stride];
        if (value != 0.0f) {
          packed->indices[at] = static_cast<int32_t>(e);
          packed->values[at++] = value;
        }
      }
    }
  });
}

Napi::Value PackCsr(const Napi::CallbackInfo& info) {
  // (data: Float32Array[rows * cols], rows, cols, transpose, threads, cancel)
  const ArraySpan<float> data = TypedArrayArg<float>(info, 0);
  const size_t rows = SizeArg(info, 1), cols = SizeArg(info, 2);
  const bool transpose = info[3].ToBoolean().Value();
  const int threads = ThreadsArg(info, 4);
  if (rows * cols != data.size || data.size > 0x7fffffffu) {
    throw Napi::RangeError::New(info.Env(), "packCsr: inconsistent arguments");
  }
  auto packed = std::make_shared<PackedCsr>();
  AsyncTask* task = AsyncTask::Create(info.Env(), info[5], {info[0]});
  return task->Run(
      [=](const CancelFlag& cancel) {
        if (transpose) {
          PackLines(data.data, cols, rows, 1, cols, threads, cancel, packed.get());
        } else {
          PackLines(data.data, rows, cols, cols, 1, threads, cancel, packed.get());
        }
      },
      [=](Napi::Env env) -> Napi::Value {
        Napi::Object out = Napi::Object::New(env);
        out.Set("indptr", ToInt32Array(env, std::move(packed->indptr)));
        out.Set("indices", ToInt32Array(env, std::move(packed->indices)));
        out.Set("values", ToFloat32Array(env, std::move(packed->values)));
        return out;
      });
}

Napi::Value UnpackCsr(const Napi::CallbackInfo& info) {
  // (indptr, indices, values, rows, cols, transpose, out: Float32Array[rows * cols] zeroed, threads, cancel)
  // rows/cols are the dense matrix's; with transpose the CSR lines are its columns.
  const ArraySpan<int32_t> indptr = TypedArrayArg<int32_t>(info, 0);
  const ArraySpan<int32_t> indices = TypedArrayArg<int32_t>(info, 1);
  const ArraySpan<float> values = TypedArrayArg<float>(info, 2);
  const size_t rows = SizeArg(info, 3), cols = SizeArg(info, 4);
  const bool transpose = info[5].ToBoolean().Value();
  const ArraySpan<float> out = TypedArrayArg<float>(info, 6);
  const int threads = ThreadsArg(info, 7);
  const size_t lines = transpose ? cols : rows;
  if (out.size != rows * cols || indptr.size != lines + 1 || indices.size != values.size) {
    throw Napi::RangeError::New(info.Env(), "unpackCsr: inconsistent arguments");
  }
  AsyncTask* task = AsyncTask::Create(info.Env(), info[8], {info[0], info[1], info[2], info[6]});
  return task->Run(
      [=](const CancelFlag& cancel) {
        const size_t line_stride = transpose ? 1 : cols, element_stride = transpose ? cols : 1;
        ParallelFor(threads, lines, [&](size_t first, size_t last) {
          for (size_t l = first; l < last; ++l) {
            if ((l & 255) == 0) cancel.ThrowIfCancelled();
            for (int32_t j = indptr.data[l]; j < indptr.data[l + 1]; ++j) {
              out.data[l * line_stride + static_cast<size_t>(indices.data[j]) * element_stride] = values.data[j];
            }
          }
        });
      },
      [](Napi::Env env) -> Napi::Value { return env.Undefined(); });
}

void InitCsrPack(Napi::Env env, Napi::Object exports) {
  exports.Set("packCsr", Napi::Function::New(env, PackCsr, "packCsr"));
  exports.Set("unpackCsr", Napi::Function::New(env, UnpackCsr, "unpackCsr"));
}

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitCsrPack);

}  // namespace edgepress
