// Tucker-2 decomposition of a Conv weight W [Cout, Cin, kh, kw] for ranks (r_out, r_in):
//   W ~ G x0 U0 x1 U1,  U0 [Cout, r_out] and U1 [Cin, r_in] with orthonormal columns,
//   G [r_out, r_in, kh, kw] = W x0 U0^T x1 U1^T,
// so one Conv becomes three: a 1x1 Conv with weight U1^T [r_in, Cin, 1, 1], a kh x kw Conv with
// the core G, and a 1x1 Conv with weight U0 [Cout, r_out, 1, 1].
//
// U0 and U1 start as the leading left singular vectors of the mode-0 and mode-1 unfoldings
// (HOSVD, lowrank_svd.h); each HOOI iteration then recomputes U0 from W x1 U1^T and U1 from
// W x0 U0^T, which never increases the error. Because the factors are orthonormal, the relative
// squared error is 1 - ||G||^2 / ||W||^2, reported without forming the reconstruction.
//
// Every mode product is one GEMM on an unfolding; swapping the first two axes of a 3-D array
// [A, B, S] (S = kh * kw) converts between the mode-0 and mode-1 unfoldings.
#include <napi.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "async_task.h"
#include "linalg_gemm.h"
#include "lowrank_svd.h"
#include "registry.h"
#include "typed_array_args.h"

namespace edgepress {
namespace {

std::vector<float> SwapLeadingAxes(const float* x, size_t a, size_t b, size_t s) {
  std::vector<float> out(a * b * s);
  for (size_t i = 0; i < a; ++i) {
    for (size_t j = 0; j < b; ++j) std::copy(x + (i * b + j) * s, x + (i * b + j + 1) * s, out.data() + (j * a + i) * s);
  }
  return out;
}

struct TuckerParams {
  size_t cout, cin, spatial, rank_out, rank_in, oversample;
  int power_iterations, hooi_iterations, threads;
  uint64_t seed;
};

struct TuckerResult {
  std::vector<float> first;  // U1^T [r_in, Cin]
  std::vector<float> core;   // [r_out, r_in, S]
  std::vector<float> last;   // U0 [Cout, r_out]
  double relative_error = 0.0;
};

std::vector<float> LeadingLeftVectors(const std::vector<float>& x, size_t rows, size_t cols, size_t rank,
                                      const TuckerParams& p, const CancelFlag& cancel) {
  const RandomizedSvdParams params{rank, p.oversample, p.power_iterations, p.seed, p.threads};
  if (rank > std::min(rows, cols)) throw KernelArgumentError("a Tucker rank exceeds the unfolding it is taken from");
  return RandomizedSvd(x.data(), rows, cols, params, cancel).u;
}

// U^T X for U [rows, rank] and X [rows, cols] (row-major): [rank, cols].
std::vector<float> ProjectRows(const std::vector<float>& u, size_t rank, const float* x, size_t rows, size_t cols,
                               int threads, const CancelFlag& cancel) {
  std::vector<float> out(rank * cols);
  GemmF32(true, rank, cols, rows, u.data(), rank, x, cols, out.data(), cols, threads, cancel);
  return out;
}

TuckerResult Tucker2(const float* w, const TuckerParams& p, const CancelFlag& cancel) {
  const size_t co = p.cout, ci = p.cin, s = p.spatial, ro = p.rank_out, ri = p.rank_in;
  const std::vector<float> w0(w, w + co * ci * s);               // [Cout, Cin * S]
  const std::vector<float> w1 = SwapLeadingAxes(w, co, ci, s);    // [Cin, Cout * S]
  std::vector<float> u0 = LeadingLeftVectors(w0, co, ci * s, ro, p, cancel);
  std::vector<float> u1 = LeadingLeftVectors(w1, ci, co * s, ri, p, cancel);
  for (int it = 0; it < p.hooi_iterations; ++it) {
    const std::vector<float> z1 = ProjectRows(u1, ri, w1.data(), ci, co * s, p.threads, cancel);  // [r_in, Cout, S]
    u0 = LeadingLeftVectors(SwapLeadingAxes(z1.data(), ri, co, s), co, ri * s, ro, p, cancel);
    const std::vector<float> y0 = ProjectRows(u0, ro, w0.data(), co, ci * s, p.threads, cancel);  // [r_out, Cin, S]
    u1 = LeadingLeftVectors(SwapLeadingAxes(y0.data(), ro, ci, s), ci, ro * s, ri, p, cancel);
  }
  const std::vector<float> y0 = ProjectRows(u0, ro, w0.data(), co, ci * s, p.threads, cancel);    // [r_out, Cin, S]
  const std::vector<float> y1 = SwapLeadingAxes(y0.data(), ro, ci, s);                            // [Cin, r_out, S]
  const std::vector<float> g1 = ProjectRows(u1, ri, y1.data(), ci, ro * s, p.threads, cancel);    // [r_in, r_out, S]
  TuckerResult result;
  result.core = SwapLeadingAxes(g1.data(), ri, ro, s);
  result.last = u0;
  result.first.resize(ri * ci);
  for (size_t i = 0; i < ci; ++i) {
    for (size_t b = 0; b < ri; ++b) result.first[b * ci + i] = u1[i * ri + b];
  }
  const double total = SquaredNorm(w, co * ci * s, p.threads, cancel);
  const double kept = SquaredNorm(result.core.data(), result.core.size(), p.threads, cancel);
  result.relative_error = total > 0.0 ? std::max(0.0, 1.0 - kept / total) : 0.0;
  return result;
}

Napi::Value Tucker2Binding(const Napi::CallbackInfo& info) {
  // (w, cout, cin, spatial, rankOut, rankIn, oversample, powerIterations, hooiIterations, seed, threads, cancel)
  const ArraySpan<float> w = TypedArrayArg<float>(info, 0);
  TuckerParams p{};
  p.cout = SizeArg(info, 1);
  p.cin = SizeArg(info, 2);
  p.spatial = SizeArg(info, 3);
  p.rank_out = SizeArg(info, 4);
  p.rank_in = SizeArg(info, 5);
  p.oversample = SizeArg(info, 6);
  p.power_iterations = static_cast<int>(SizeArg(info, 7));
  p.hooi_iterations = static_cast<int>(SizeArg(info, 8));
  p.seed = static_cast<uint64_t>(SizeArg(info, 9));
  p.threads = ThreadsArg(info, 10);
  if (w.size != p.cout * p.cin * p.spatial || w.size == 0 || p.rank_out < 1 || p.rank_in < 1 ||
      p.rank_out > std::min(p.cout, p.cin * p.spatial) || p.rank_in > std::min(p.cin, p.cout * p.spatial) ||
      p.rank_out > p.rank_in * p.spatial || p.rank_in > p.rank_out * p.spatial) {
    throw Napi::RangeError::New(info.Env(), "tucker2: inconsistent arguments");
  }
  auto result = std::make_shared<TuckerResult>();
  AsyncTask* task = AsyncTask::Create(info.Env(), info[11], {info[0]});
  return task->Run([=](const CancelFlag& cancel) { *result = Tucker2(w.data, p, cancel); },
                   [=](Napi::Env env) -> Napi::Value {
                     Napi::Object out = Napi::Object::New(env);
                     out.Set("first", ToFloat32Array(env, std::move(result->first)));
                     out.Set("core", ToFloat32Array(env, std::move(result->core)));
                     out.Set("last", ToFloat32Array(env, std::move(result->last)));
                     out.Set("relativeError", Napi::Number::New(env, result->relative_error));
                     return out;
                   });
}

void InitTucker2(Napi::Env env, Napi::Object exports) {
  exports.Set("tucker2", Napi::Function::New(env, Tucker2Binding, "tucker2"));
}

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitTucker2);

}  // namespace edgepress
