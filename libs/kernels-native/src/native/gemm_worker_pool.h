#pragma once
// A process-wide pool of worker threads for the int8/int4 GEMMs (any kernel may use it).
// Compared with ParallelFor (parallel.h), which starts threads per call and splits work into
// fixed chunks, the pool keeps its threads (a GEMM of a millisecond cannot afford tens of
// microseconds of thread start-up per call, nor an AMX state first-use trap in a fresh thread)
// and hands units out one at a time, so a worker that the OS schedules late on a busy machine
// delays the call by at most one unit: the calling thread simply takes the remaining units.
#include <cstddef>
#include <functional>

namespace edgepress {

// Runs body(unit) for every unit in [0, units) on the calling thread plus up to threads - 1
// pool workers. Exceptions from body are rethrown on the calling thread (the first one wins;
// units not yet started are skipped). `thread_scope`, when given, is called with true on each
// participating thread before its first unit and with false after its last (kernels use it to
// set up per-thread hardware state once per call, e.g. the AMX tile configuration).
void RunOnWorkerPool(int threads, size_t units, const std::function<void(size_t)>& body,
                     const std::function<void(bool)>& thread_scope = nullptr);

}  // namespace edgepress
