#pragma once
// How a quantized tensor's scales map onto its elements, and the parallel loops over it. The
// tensor is viewed as [outer, axis_dim, inner]; the scale (and zero point) has 1 entry (per
// tensor), axis_dim entries (per axis) or outer * ceil(axis_dim / block) * inner entries
// (block-wise, ONNX opset 21 layout: the input shape with the axis dimension divided by block).
#include <napi.h>

#include <algorithm>
#include <cstddef>

#include "async_task.h"
#include "parallel.h"
#include "quantize_napi.h"
#include "quantize_rows.h"

namespace edgepress {

enum class Granularity { kTensor = 0, kAxis = 1, kBlock = 2 };

struct Geometry {
  size_t outer = 1, axis_dim = 1, inner = 1, block = 1;
  Granularity granularity = Granularity::kTensor;

  size_t elements() const { return outer * axis_dim * inner; }
  size_t blocks() const { return (axis_dim + block - 1) / block; }
  size_t scale_count() const {
    switch (granularity) {
      case Granularity::kTensor: return 1;
      case Granularity::kAxis: return axis_dim;
      default: return outer * blocks() * inner;
    }
  }
  // Units of work: when inner == 1, each [axis_dim] row is cut into chunks of about kChunk
  // elements (whole blocks for block-wise); otherwise each [inner] row is one unit.
  static constexpr size_t kChunk = 16384;
  size_t chunk() const {
    if (granularity != Granularity::kBlock) return kChunk;
    return std::max<size_t>(1, kChunk / block) * block;
  }
  size_t chunks_per_row() const { return (axis_dim + chunk() - 1) / chunk(); }
  size_t units() const { return inner == 1 ? outer * chunks_per_row() : outer * axis_dim; }
  size_t unit_elements() const { return inner == 1 ? std::min(chunk(), axis_dim) : inner; }

  // Calls segment(offset, length, param_offset, RowParams) for every run of elements of unit u
  // that shares one addressing mode of scale/zero point.
  template <typename Segment>
  void ForEachSegment(size_t u, Segment segment) const {
    if (inner == 1) {
      size_t per_row = chunks_per_row();
      size_t o = u / per_row, start = (u % per_row) * chunk();
      size_t length = std::min(chunk(), axis_dim - start);
      size_t base = o * axis_dim + start;
      if (granularity == Granularity::kTensor) return segment(base, length, size_t{0}, RowParams::kBroadcast);
      if (granularity == Granularity::kAxis) return segment(base, length, start, RowParams::kPerElement);
      for (size_t done = 0; done < length; done += block) {
        size_t b = (start + done) / block;
        segment(base + done, std::min(block, length - done), o * blocks() + b, RowParams::kBroadcast);
      }
      return;
    }
    size_t o = u / axis_dim, a = u % axis_dim;
    size_t base = u * inner;
    if (granularity == Granularity::kTensor) return segment(base, inner, size_t{0}, RowParams::kBroadcast);
    if (granularity == Granularity::kAxis) return segment(base, inner, a, RowParams::kBroadcast);
    segment(base, inner, (o * blocks() + a / block) * inner, RowParams::kPerElement);
  }
};

inline Geometry ReadGeometry(const Napi::Object& args) {
  Napi::Env env = args.Env();
  Geometry g;
  g.outer = GetSize(args, "outer");
  g.axis_dim = GetSize(args, "axisDim");
  g.inner = GetSize(args, "inner");
  g.block = GetSize(args, "blockSize");
  int32_t granularity = GetInt32(args, "granularity");
  if (granularity < 0 || granularity > 2 || g.block == 0 || g.outer == 0 || g.axis_dim == 0 || g.inner == 0) {
    throw Napi::Error::New(env, "native quantization geometry is invalid");
  }
  g.granularity = static_cast<Granularity>(granularity);
  CheckedMul(env, CheckedMul(env, g.outer, g.axis_dim), g.inner);
  return g;
}

// Enough work per thread to pay for starting it.
inline int ThreadsFor(int requested, size_t elements) {
  size_t useful = std::max<size_t>(1, elements / (1 << 16));
  return static_cast<int>(std::min<size_t>(static_cast<size_t>(requested), useful));
}

// Runs body(unit_begin, unit_end) over all units in parallel, checking cancellation every group.
template <typename Body>
void ForUnits(const Geometry& g, int threads, const CancelFlag& cancel, Body body) {
  size_t units = g.units();
  size_t group = std::max<size_t>(1, (1 << 16) / g.unit_elements());
  ParallelFor(ThreadsFor(threads, g.elements()), units, [&](size_t begin, size_t end) {
    for (size_t u = begin; u < end; u += group) {
      cancel.ThrowIfCancelled();
      body(u, std::min(end, u + group));
    }
  });
}

// Splits [0, bytes) into even-sized parallel chunks so that no two threads touch one byte.
template <typename Body>
void ForPackedBytes(size_t bytes, int threads, Body body) {
  ParallelFor(ThreadsFor(threads, bytes * 2), bytes, body);
}

inline size_t FirstNaN(const float* x, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (x[i] != x[i]) return i;
  }
  return n;
}

}  // namespace edgepress
