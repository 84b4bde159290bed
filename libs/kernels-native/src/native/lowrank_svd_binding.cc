// N-API entry of the truncated SVD (lowrank_svd.h): a fixed rank, or the smallest rank (up to a
// budget) whose components keep a fraction `energy` of ||A||_F^2.
#include <napi.h>

#include <memory>

#include "async_task.h"
#include "lowrank_svd.h"
#include "registry.h"
#include "typed_array_args.h"

namespace edgepress {
namespace {

struct SvdOutput {
  LowRankSvd svd;
  double total_energy = 0.0;
};

// Smallest r with sum(s[0..r)^2) >= energy * total (all components if none reaches it).
size_t RankForEnergy(const std::vector<double>& s, double energy, double total) {
  double kept = 0.0;
  for (size_t r = 0; r < s.size(); ++r) {
    kept += s[r] * s[r];
    if (kept >= energy * total) return r + 1;
  }
  return s.size();
}

void Truncate(LowRankSvd& svd, size_t m, size_t n, size_t rank) {
  if (rank >= svd.rank) return;
  std::vector<float> u(m * rank);
  for (size_t i = 0; i < m; ++i) {
    for (size_t j = 0; j < rank; ++j) u[i * rank + j] = svd.u[i * svd.rank + j];
  }
  svd.u.swap(u);
  svd.vt.resize(rank * n);
  svd.s.resize(rank);
  svd.rank = rank;
}

Napi::Value TruncatedSvd(const Napi::CallbackInfo& info) {
  // (a: Float32Array[m*n], m, n, rank, oversample, powerIterations, seed, energy (< 0: fixed rank), threads, cancel)
  const ArraySpan<float> a = TypedArrayArg<float>(info, 0);
  const size_t m = SizeArg(info, 1), n = SizeArg(info, 2);
  RandomizedSvdParams params{SizeArg(info, 3), SizeArg(info, 4), static_cast<int>(SizeArg(info, 5)),
                             static_cast<uint64_t>(SizeArg(info, 6)), ThreadsArg(info, 8)};
  const double energy = NumberArg(info, 7);
  if (a.size != m * n || m == 0 || n == 0 || params.rank < 1 || params.rank > std::min(m, n)) {
    throw Napi::RangeError::New(info.Env(), "truncatedSvd: inconsistent arguments");
  }
  auto out = std::make_shared<SvdOutput>();
  AsyncTask* task = AsyncTask::Create(info.Env(), info[9], {info[0]});
  return task->Run(
      [=](const CancelFlag& cancel) {
        out->total_energy = SquaredNorm(a.data, a.size, params.threads, cancel);
        out->svd = RandomizedSvd(a.data, m, n, params, cancel);
        if (energy >= 0) Truncate(out->svd, m, n, RankForEnergy(out->svd.s, energy, out->total_energy));
      },
      [=](Napi::Env env) -> Napi::Value {
        Napi::Object result = Napi::Object::New(env);
        result.Set("rank", Napi::Number::New(env, static_cast<double>(out->svd.rank)));
        result.Set("u", ToFloat32Array(env, std::move(out->svd.u)));
        result.Set("s", ToFloat64Array(env, std::move(out->svd.s)));
        result.Set("vt", ToFloat32Array(env, std::move(out->svd.vt)));
        result.Set("totalEnergy", Napi::Number::New(env, out->total_energy));
        return result;
      });
}

void InitLowRankSvd(Napi::Env env, Napi::Object exports) {
  exports.Set("truncatedSvd", Napi::Function::New(env, TruncatedSvd, "truncatedSvd"));
}

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitLowRankSvd);

}  // namespace edgepress
