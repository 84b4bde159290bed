#pragma once
// The inner kernel of both sparse products: rows of a CSR matrix times a dense panel.
//
//   out[(r - row_begin) * ldo + c] = sum_j values[j] * panel[indices[j] * ldp + c]
//   for rows r in [row_begin, row_end), nonzeros j of row r, and c < width <= 64.
//
// Each CSR row walks its nonzeros once and keeps `width` running sums in registers (eight AVX2 or
// four AVX-512 vectors for a 64-wide panel), loading one panel row per nonzero: a sparse weight
// times 64 activation rows costs one broadcast and eight (four) fused multiply-adds per nonzero,
// with the panel (K x 64 floats) staying in L2. Sums run in nonzero order, so a row's result never depends on
// which thread computed it.
//
// Column blocks: a panel of K x 64 floats (256 KB at K = 1024) lives in L2, and streaming four
// lines of it per nonzero is what bounds the loop (about 47 bytes a cycle on Zen 5). A CSR matrix
// prepared with column blocks (starts of every row's nonzeros in each block of 128 or 256
// columns) is walked block by block instead: every row of the tile sums its nonzeros of one
// block, then the next block continues from the stored sums, so a block's slice of the panel is
// reused from L1 by all the tile's rows. The sums keep nonzero order (a float stored and loaded is
// exact), so blocked and unblocked products are bit-identical. Blocks pay only when rows have
// about 20 or more nonzeros in each (a short segment costs a mispredicted loop exit): measured at
// 64 x 1024 x 1024 on Zen 5, 1.94 -> 0.90 ns per nonzero at 50 % density (128 columns), 1.25 ->
// 1.14 at 10 % (256 columns).
#include <cstddef>
#include <cstdint>

namespace edgepress {

constexpr size_t kSpmmPanelWidth = 64;

// Kernel families; kAuto picks the widest the CPU runs (AVX-512F, else AVX2+FMA, else portable).
// Forcing one is for tests and benchmarks; results may differ between families in the last bits
// (fused vs separate multiply-add), never between thread counts.
enum class SpmmKernel : int { kAuto = 0, kPortable = 1, kAvx2 = 2, kAvx512 = 3 };

bool SpmmKernelAvailable(SpmmKernel kernel);
SpmmKernel ResolveSpmmKernel(SpmmKernel requested);

struct CsrView {
  const int32_t* indptr;
  const int32_t* indices;
  const float* values;
  // Optional column blocks: row r's nonzeros in columns [b * block, (b + 1) * block) are
  // [block_starts[b * rows + r], block_starts[(b + 1) * rows + r]), for b < blocks; rows is the
  // matrix's row count. Null: no blocks.
  const int32_t* block_starts = nullptr;
  size_t blocks = 0;
  size_t rows = 0;
};

// `kernel` must be resolved (not kAuto) and available.
void SpmmPanel(SpmmKernel kernel, const CsrView& a, size_t row_begin, size_t row_end, const float* panel, size_t ldp,
               size_t width, float* out, size_t ldo);

}  // namespace edgepress
