#pragma once
// A process-wide pool of worker threads for the int8/int4 GEMMs (any kernel may use it).
// Compared with ParallelFor (parallel.h), which starts threads per call and splits work into
// fixed chunks, the pool keeps its threads (a GEMM of a millisecond cannot afford tens of
// microseconds of thread start-up per call, nor an AMX state first-use trap in a fresh thread).
// Each participant gets a contiguous range of units (the same slice of the output call after
// call, which stays in that core's cache) and steals from the others when it runs out, so a
// worker that the OS schedules late on a busy machine delays the call by at most one unit.
// At most 64 participants (threads is capped at 64 by every caller); units must fit in 32 bits.
// On Linux the caller sets the workers' CPU affinity to every CPU of the process but the one it
// runs on (see KeepWorkersOffCpu in the .cc), so that they never take turns on one core.
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
