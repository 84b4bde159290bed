// Int8 GEMM entry points: gemmInt8 (MatMulInteger, MatMulIntegerToFloat and QLinearMatMul
// outputs over a u8/s8 A and packed s8 B) and gemmInt8Dynamic (DynamicQuantizeMatMul: fp32 A
// quantized to u8 on the fly, per-tensor range including 0, exactly as ONNX Runtime computes the
// scale and zero point, with the codes of gemm_int8_quantize_a.h). Both prepare A and multiply
// it in one pass over the worker pool where there are enough rows (RunGemm).
#include <napi.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "async_task.h"
#include "gemm_int8_kernel.h"
#include "gemm_int8_operand.h"
#include "gemm_int8_quantize_a.h"
#include "gemm_worker_pool.h"
#include "quantize_napi.h"
#include "quantize_result.h"
#include "registry.h"

namespace edgepress {

namespace {

constexpr size_t kMacsPerThread = size_t{1} << 22;  // below this a second thread costs more than it saves
// Outputs this large are written with non-temporal stores (GemmEpilogue::stream_out): a fresh
// result block of a megabyte or more is cold, and smaller ones may still sit in the cache.
constexpr size_t kStreamOutputBytes = size_t{1} << 20;
// Floats of A per unit of the dynamic GEMM's range pass (256 KiB).
constexpr size_t kRangeChunk = size_t{1} << 16;

// Products this small (about half a millisecond on one core) run on the JavaScript thread (see AsyncTask::Run).
bool RunsInline(Int8Kernel kernel, size_t macs) {
  switch (kernel) {
    case Int8Kernel::kAmx: return macs <= size_t{1} << 29;
    case Int8Kernel::kAvx512Vnni: return macs <= size_t{1} << 28;
    case Int8Kernel::kAvx2: return macs <= size_t{1} << 25;
    default: return macs <= size_t{1} << 23;
  }
}

int UsefulThreads(int threads, size_t macs) {
  return static_cast<int>(std::min<size_t>(static_cast<size_t>(threads), std::max<size_t>(1, macs / kMacsPerThread)));
}

// Where A's rows go in the padded copy, and what else the kernel needs of them.
struct AGeometry {
  size_t m = 0, kp = 0;
  bool tiled = false;         // AMX tiles ([16-row block][64-k chunk][16][64]), else row-major
  bool need_row_sum = false;  // b zero points are set
  bool need_a16 = false;      // AVX2 kernel: A widened to int16 as well
  bool is_signed = false;
};

// Rows [begin, end) of the padded copy: `fill_row(r, dest, chunk_stride)` writes real row r as
// kp / 64 chunks of 64 bytes at dest + c * chunk_stride and returns the row's sum; padding rows
// (m and above) are zeroed.
template <typename FillRow>
void FillARows(const AGeometry& g, const PreparedA& prepared, size_t begin, size_t end, const FillRow& fill_row) {
  const size_t chunks = g.kp / kKChunk;
  const size_t stride = g.tiled ? kRowPad * kKChunk : kKChunk;
  for (size_t r = begin; r < end; ++r) {
    uint8_t* dest = g.tiled ? prepared.a8() + ((r / kRowPad) * chunks * kRowPad + r % kRowPad) * kKChunk : prepared.a8() + r * g.kp;
    if (r < g.m) {
      const int32_t sum = fill_row(r, dest, stride);
      if (g.need_row_sum) prepared.row_sum()[r] = sum;
    } else {
      for (size_t c = 0; c < chunks; ++c) std::memset(dest + c * stride, 0, kKChunk);
    }
    if (g.need_a16) {
      int16_t* wide = prepared.a16() + r * g.kp;
      for (size_t i = 0; i < g.kp; ++i) wide[i] = g.is_signed ? static_cast<int8_t>(dest[i]) : dest[i];
    }
  }
}

// Prepares A (through fill_row, see FillARows) and runs the kernel. With enough rows, each work
// unit is a band of 32 output rows that prepares its own rows of A and then multiplies them: the
// band's A stays in the core's cache, and one pass over the worker pool does everything (row
// bands also write the output as contiguous bands, which measured twice as fast as column units
// on a cold output for 256 x 1024 x 1024 on AMX). With few rows, A is prepared first and the
// units are a few weight panels (the width of the kernel's block), so that every thread has work.
template <typename FillRow>
void RunGemm(GemmInt8Operands op, const AGeometry& g, Int8Kernel kernel, GemmEpilogue epilogue, int threads, const CancelFlag& cancel,
             const FillRow& fill_row) {
  const PreparedA prepared(g.m, g.kp, g.need_row_sum, g.need_a16);
  op.a8 = prepared.a8();
  op.a16 = prepared.a16();
  epilogue.row_sum = prepared.row_sum();
  epilogue.stream_out = op.m * op.b.n * sizeof(float) >= kStreamOutputBytes && epilogue.CanStream();
  auto run = [&](size_t r0, size_t r1, size_t p0, size_t p1) {
    switch (kernel) {
      case Int8Kernel::kAmx: GemmInt8Amx(op, r0, r1, p0, p1, epilogue, cancel); break;
      case Int8Kernel::kAvx512Vnni: GemmInt8Avx512Vnni(op, r0, r1, p0, p1, epilogue, cancel); break;
      case Int8Kernel::kAvx2: GemmInt8Avx2(op, r0, r1, p0, p1, epilogue, cancel); break;
      default: GemmInt8Portable(op, r0, r1, p0, p1, epilogue, cancel); break;
    }
    epilogue.Finish();
  };
  const size_t rows_padded = prepared.rows_padded(), panels = op.b.panels;
  const size_t unit_panels = kernel == Int8Kernel::kAvx512Vnni ? 3 : 2;
  const int useful = UsefulThreads(threads, op.m * op.b.n * op.b.k);
  const size_t row_blocks = (op.m + kRowBlock - 1) / kRowBlock;
  std::function<void(bool)> scope;
  if (kernel == Int8Kernel::kAmx) scope = AmxThreadScope;
  if (row_blocks >= static_cast<size_t>(useful) * 2) {
    RunOnWorkerPool(
        useful, row_blocks,
        [&](size_t u) {
          const size_t r0 = u * kRowBlock, r1 = std::min(rows_padded, r0 + kRowBlock);
          cancel.ThrowIfCancelled();
          FillARows(g, prepared, r0, r1, fill_row);
          run(r0, r1, 0, panels);
        },
        scope);
    return;
  }
  const size_t rows_per_unit = std::max<size_t>(1, (size_t{1} << 16) / g.kp);
  RunOnWorkerPool(UsefulThreads(threads, rows_padded * g.kp * 64), (rows_padded + rows_per_unit - 1) / rows_per_unit, [&](size_t unit) {
    FillARows(g, prepared, unit * rows_per_unit, std::min(rows_padded, (unit + 1) * rows_per_unit), fill_row);
  });
  RunOnWorkerPool(
      useful, (panels + unit_panels - 1) / unit_panels, [&](size_t u) { run(0, rows_padded, unit_panels * u, std::min(panels, unit_panels * (u + 1))); },
      scope);
}

template <typename T>
int32_t SumBytes(const uint8_t* row, size_t k) {
  int32_t sum = 0;
  for (size_t i = 0; i < k; ++i) sum += static_cast<T>(row[i]);
  return sum;
}

struct CommonArgs {
  size_t m, k, n;
  PackedInt8Layout layout;
  TypedArrayView<uint8_t> packed;
  TypedArrayView<int32_t> b_zero_point;
  Int8Kernel kernel;
  int threads;
};

CommonArgs ReadCommon(const Napi::Object& args) {
  Napi::Env env = args.Env();
  CommonArgs c;
  c.m = GetSize(args, "m");
  c.k = GetSize(args, "k");
  c.n = GetSize(args, "n");
  if (c.m == 0 || c.k == 0 || c.n == 0) throw Napi::Error::New(env, "native int8 GEMM: empty operand");
  CheckedMul(env, CheckedMul(env, c.m, c.k), c.n);
  c.layout = PackedInt8Layout::For(c.k, c.n);
  c.packed = GetTypedArray<uint8_t>(args, "packed", c.layout.total_bytes());
  c.b_zero_point = GetTypedArray<int32_t>(args, "bZeroPoint", c.n, true);
  int32_t kernel = GetInt32(args, "kernel");
  if (kernel < 0 || kernel > 4 || !Int8KernelAvailable(static_cast<Int8Kernel>(kernel))) {
    throw Napi::Error::New(env, "native int8 GEMM: kernel not available");
  }
  c.kernel = ResolveInt8Kernel(static_cast<Int8Kernel>(kernel));
  c.threads = GetThreads(args);
  return c;
}

// K a_zp b_zp[n] - a_zp colsum[n], wrapping like the int32 result.
std::vector<int32_t> ColumnOffsets(const CommonArgs& c, int32_t a_zp) {
  const int32_t* colsum = reinterpret_cast<const int32_t*>(c.packed.data + c.layout.weight_bytes());
  std::vector<int32_t> offsets(c.n);
  for (size_t j = 0; j < c.n; ++j) {
    uint32_t bzp = c.b_zero_point.data ? static_cast<uint32_t>(c.b_zero_point.data[j]) : 0u;
    uint32_t v = static_cast<uint32_t>(c.k) * static_cast<uint32_t>(a_zp) * bzp - static_cast<uint32_t>(a_zp) * static_cast<uint32_t>(colsum[j]);
    offsets[j] = static_cast<int32_t>(v);
  }
  return offsets;
}

GemmInt8Operands Operands(const CommonArgs& c, bool a_signed) {
  GemmInt8Operands op;
  op.a_signed = a_signed;
  op.m = c.m;
  op.b = c.layout;
  op.b_packed = c.packed.data;
  return op;
}

AGeometry GeometryOf(const CommonArgs& c, bool a_signed) {
  AGeometry g;
  g.m = c.m;
  g.kp = c.layout.kp;
  g.tiled = c.kernel == Int8Kernel::kAmx;
  g.need_row_sum = c.b_zero_point.data != nullptr;
  g.need_a16 = c.kernel == Int8Kernel::kAvx2;
  g.is_signed = a_signed;
  return g;
}

Napi::Value GemmInt8(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object args = info[0].As<Napi::Object>();
  const CommonArgs c = ReadCommon(args);
  const ByteArrayView a = GetByteArray(args, "a", c.m * c.k);
  const int32_t a_zp = GetInt32(args, "aZeroPoint");
  const int32_t output = GetInt32(args, "output");
  if (output < 0 || output > 2) throw Napi::Error::New(env, "native int8 GEMM: unknown output");
  const size_t out_count = c.m * c.n;
  auto multiplier = GetTypedArray<float>(args, "multiplier", c.n, output == 0);
  auto bias = GetTypedArray<float>(args, "bias", c.n, true);
  GemmEpilogue epilogue;
  epilogue.output = static_cast<GemmOutput>(output);
  epilogue.n = c.n;
  size_t element_bytes = 4;
  napi_typedarray_type out_type = epilogue.output == GemmOutput::kInt32 ? napi_int32_array : napi_float32_array;
  if (epilogue.output == GemmOutput::kRequantized) {
    epilogue.y_zero_point = GetInt32(args, "yZeroPoint");
    epilogue.qmin = GetInt32(args, "qmin");
    epilogue.qmax = GetInt32(args, "qmax");
    const bool y_signed = epilogue.qmin < 0;
    if (epilogue.qmin > epilogue.qmax || epilogue.qmin < (y_signed ? -128 : 0) || epilogue.qmax > (y_signed ? 127 : 255)) {
      throw Napi::Error::New(env, "native int8 GEMM: output range is invalid");
    }
    element_bytes = 1;
    out_type = y_signed ? napi_int8_array : napi_uint8_array;
  }
  epilogue.multiplier = multiplier.data;
  epilogue.bias = epilogue.output == GemmOutput::kFloat ? bias.data : nullptr;
  epilogue.b_zero_point = c.b_zero_point.data;
  auto out = std::make_shared<NativeResult>();

  auto* task = AsyncTask::Create(env, args.Get("cancel"), {a.value, c.packed.value, c.b_zero_point.value, multiplier.value, bias.value});
  return task->Run(
      [=](const CancelFlag& cancel) mutable {
        out->Allocate(out_count * element_bytes);
        epilogue.out = out->data();
        // VPDPBUSD multiplies unsigned A only: signed A goes to that kernel shifted, a + 128 (a XOR
        // 0x80), with its zero point and row sums shifted alike, since
        // sum_k ((a + 128) - (a_zp + 128)) (b - b_zp) is the same product (B's K padding is 0).
        const bool shift_a = a.is_signed && c.kernel == Int8Kernel::kAvx512Vnni;
        const bool kernel_signed = a.is_signed && !shift_a;
        std::vector<int32_t> offsets = ColumnOffsets(c, shift_a ? a_zp + 128 : a_zp);
        epilogue.col_offset = offsets.data();
        const AGeometry g = GeometryOf(c, kernel_signed);
        RunGemm(Operands(c, kernel_signed), g, c.kernel, epilogue, c.threads, cancel, [&](size_t r, uint8_t* dest, size_t stride) {
          const uint8_t* row = a.data + r * c.k;
          for (size_t c0 = 0; c0 < g.kp; c0 += kKChunk, dest += stride) {
            const size_t count = c0 < c.k ? std::min(kKChunk, c.k - c0) : 0;
            std::memcpy(dest, row + c0, count);
            if (shift_a) {
              for (size_t i = 0; i < count; ++i) dest[i] ^= 0x80;
            }
            std::memset(dest + count, 0, kKChunk - count);
          }
          if (!g.need_row_sum) return 0;
          if (!a.is_signed) return SumBytes<uint8_t>(row, c.k);
          const int32_t sum = SumBytes<int8_t>(row, c.k);
          return shift_a ? static_cast<int32_t>(static_cast<uint32_t>(sum) + 128u * static_cast<uint32_t>(c.k)) : sum;
        });
      },
      [out, out_type, out_count](Napi::Env env) -> Napi::Value { return out->Release(env, out_type, out_count); },
      RunsInline(c.kernel, c.m * c.n * c.k));
}

// ONNX Runtime's DynamicQuantizeMatMul parameters, in the same float32 arithmetic.
void DynamicParams(float min, float max, float* scale, int32_t* zero_point) {
  min = std::min(min, 0.0f);
  max = std::max(max, 0.0f);
  *scale = max == min ? 1.0f : (max - min) / 255.0f;
  float initial = 0.0f - min / *scale;
  *zero_point = static_cast<int32_t>(std::nearbyintf(std::max(0.0f, std::min(255.0f, initial))));
}

Napi::Value GemmInt8Dynamic(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object args = info[0].As<Napi::Object>();
  const CommonArgs c = ReadCommon(args);
  auto a = GetTypedArray<float>(args, "a", c.m * c.k);
  auto b_scale = GetTypedArray<float>(args, "bScale", c.n);
  auto bias = GetTypedArray<float>(args, "bias", c.n, true);
  auto out = std::make_shared<NativeResult>();
  auto a_params = std::make_shared<std::pair<float, int32_t>>();

  auto* task = AsyncTask::Create(env, args.Get("cancel"), {a.value, c.packed.value, c.b_zero_point.value, b_scale.value, bias.value});
  return task->Run(
      [=](const CancelFlag& cancel) {
        const size_t count = c.m * c.k;
        out->Allocate(c.m * c.n * sizeof(float));
        // Range of A over all rows, on the threads of the product: they must be woken for it
        // anyway, and in back-to-back calls they are still polling from the previous one. Units of
        // kRangeChunk floats, at least one a thread. At 256 x 1024 x 1024 on 2 threads (bench
        // blocks): 0.346-0.349 -> 0.336-0.338 ms a call; the range alone took 13 us on one thread.
        const int useful = UsefulThreads(c.threads, c.m * c.n * c.k);
        const size_t units = useful > 1 ? std::max<size_t>(useful, (count + kRangeChunk - 1) / kRangeChunk) : 1;
        const size_t chunk = (count + units - 1) / units;
        std::vector<float> lo(units, 0.0f), hi(units, 0.0f);
        std::vector<char> ok(units, 1);
        RunOnWorkerPool(useful, units, [&](size_t t) {
          size_t begin = t * chunk, end = std::min(count, begin + chunk);
          if (begin < end) ok[t] = ActivationRange(a.data + begin, end - begin, &lo[t], &hi[t]);
        });
        if (std::find(ok.begin(), ok.end(), 0) != ok.end()) {
          size_t i = 0;
          while (i < count && std::isfinite(a.data[i])) ++i;
          throw KernelArgumentError("Expected finite values in a but a[" + std::to_string(i) + "] is " + std::to_string(a.data[i]));
        }
        float a_scale;
        int32_t a_zp;
        DynamicParams(*std::min_element(lo.begin(), lo.end()), *std::max_element(hi.begin(), hi.end()), &a_scale, &a_zp);
        a_params->first = a_scale;
        a_params->second = a_zp;

        std::vector<float> multiplier(c.n);
        for (size_t j = 0; j < c.n; ++j) multiplier[j] = a_scale * b_scale.data[j];
        std::vector<int32_t> offsets = ColumnOffsets(c, a_zp);
        GemmEpilogue epilogue;
        epilogue.output = GemmOutput::kFloat;
        epilogue.n = c.n;
        epilogue.col_offset = offsets.data();
        epilogue.b_zero_point = c.b_zero_point.data;
        epilogue.multiplier = multiplier.data();
        epilogue.bias = bias.data;
        epilogue.out = out->data();
        RunGemm(Operands(c, false), GeometryOf(c, false), c.kernel, epilogue, c.threads, cancel, [&](size_t r, uint8_t* dest, size_t stride) {
          return QuantizeActivationRow(a.data + r * c.k, c.k, c.layout.kp, a_scale, a_zp, dest, stride);
        });
      },
      [out, a_params, count = c.m * c.n](Napi::Env env) -> Napi::Value {
        Napi::Object value = Napi::Object::New(env);
        value.Set("y", out->Release(env, napi_float32_array, count));
        value.Set("aScale", Napi::Number::New(env, a_params->first));
        value.Set("aZeroPoint", Napi::Number::New(env, a_params->second));
        return value;
      },
      RunsInline(c.kernel, c.m * c.n * c.k));
}

Napi::Value Int8Kernels(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object result = Napi::Object::New(env);
  result.Set("portable", Napi::Boolean::New(env, true));
  result.Set("avx2", Napi::Boolean::New(env, Int8KernelAvailable(Int8Kernel::kAvx2)));
  result.Set("amx", Napi::Boolean::New(env, Int8KernelAvailable(Int8Kernel::kAmx)));
  result.Set("avx512Vnni", Napi::Boolean::New(env, Int8KernelAvailable(Int8Kernel::kAvx512Vnni)));
  const char* names[] = {"auto", "portable", "avx2", "amx", "avx512-vnni"};
  result.Set("auto", Napi::String::New(env, names[static_cast<int>(ResolveInt8Kernel(Int8Kernel::kAuto))]));
  return result;
}

void InitGemmInt8(Napi::Env env, Napi::Object exports) {
  exports.Set("gemmInt8", Napi::Function::New(env, GemmInt8, "gemmInt8"));
  exports.Set("gemmInt8Dynamic", Napi::Function::New(env, GemmInt8Dynamic, "gemmInt8Dynamic"));
  exports.Set("int8Kernels", Napi::Function::New(env, Int8Kernels, "int8Kernels"));
}

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitGemmInt8);

}  // namespace edgepress
