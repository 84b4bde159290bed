// AMX int8 GEMM kernel (Sapphire Rapids and later): TDPBUSD (u8 x s8) / TDPBSSD (s8 x s8)
// accumulate 16x64 by 16x(16x4) byte tiles into 16x16 int32 tiles, exactly (no int16
// intermediate). Block: up to 32 rows x 32 columns in four accumulator tiles; the packed B
// layout is the B-tile layout, so B tiles load straight from it. Linux must grant the process
// the AMX tile state first (arch_prctl ARCH_REQ_XCOMP_PERM), which AmxInt8Usable() asks once.
#include "gemm_int8_kernel.h"

#include <algorithm>

#if defined(__x86_64__) && defined(__linux__)
#include <cpuid.h>
#include <immintrin.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace edgepress {

#if defined(__x86_64__) && defined(__linux__)

bool AmxInt8Usable() {
  static const bool usable = [] {
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return false;
    const bool amx_tile = edx & (1u << 24), amx_int8 = edx & (1u << 25);
    if (!amx_tile || !amx_int8) return false;
    constexpr long kArchReqXcompPerm = 0x1023;
    constexpr long kXfeatureXtiledata = 18;
    return syscall(SYS_arch_prctl, kArchReqXcompPerm, kXfeatureXtiledata) == 0;
  }();
  return usable;
}

namespace {

#define EDGEPRESS_AMX __attribute__((target("amx-tile,amx-int8")))

struct alignas(64) TileConfig {
  uint8_t palette_id;
  uint8_t start_row;
  uint8_t reserved[14];
  uint16_t colsb[16];
  uint8_t rows[16];
};
static_assert(sizeof(TileConfig) == 64, "AMX tile configuration is 64 bytes");

// Tiles 0-3: int32 accumulators (rows x 16); 4-5: A (rows x 64 bytes); 6-7: B (16 x 64 bytes).
EDGEPRESS_AMX void ConfigureTiles() {
  TileConfig config = {};
  config.palette_id = 1;
  for (int t = 0; t < 8; ++t) {
    config.rows[t] = 16;
    config.colsb[t] = 64;
  }
  // GCC's _tile_loadconfig tells the compiler it reads only 8 bytes of the configuration; this
  // barrier keeps the other 56 bytes from being optimised away as dead stores.
  __asm__ __volatile__("" : : "r"(&config) : "memory");
  _tile_loadconfig(&config);
}

EDGEPRESS_AMX void ReleaseTiles() { _tile_release(); }

// GCC's tile intrinsics are macros that paste their tile numbers into the instruction.
#define EDGEPRESS_TILE_DP(c, a, b) \
  do {                             \
    if (kSigned) {                 \
      _tile_dpbssd(c, a, b);       \
    } else {                       \
      _tile_dpbusd(c, a, b);       \
    }                              \
  } while (0)

// C[MT*16][NT*16] = init + A row blocks x B panels over `chunks` 64-k chunks, stored at `c`
// with a row stride of `ldc` bytes. `init` (one row of NT*16 int32 repeated down the tile by a
// zero-stride load) or zeros when null. A is tiled (see gemm_int8_operand.h): a 16-row block is
// `a_block` bytes, a chunk 1 KiB.
template <int MT, int NT, bool kSigned>
EDGEPRESS_AMX void Block(const uint8_t* a, size_t a_block, const uint8_t* b, size_t panel_bytes, size_t chunks, const int32_t* init,
                         int32_t* c, size_t ldc) {
  if (init) {
    _tile_loadd(0, init, 0);
    if (NT == 2) _tile_loadd(1, init + 16, 0);
    if (MT == 2) _tile_loadd(2, init, 0);
    if (MT == 2 && NT == 2) _tile_loadd(3, init + 16, 0);
  } else {
    _tile_zero(0);
    _tile_zero(1);
    _tile_zero(2);
    _tile_zero(3);
  }
  for (size_t kc = 0; kc < chunks; ++kc) {
    _tile_loadd(4, a + kc * 1024, 64);
    _tile_loadd(6, b + kc * 1024, 64);
    EDGEPRESS_TILE_DP(0, 4, 6);
    if (NT == 2) {
      _tile_loadd(7, b + panel_bytes + kc * 1024, 64);
      EDGEPRESS_TILE_DP(1, 4, 7);
    }
    if (MT == 2) {
      _tile_loadd(5, a + a_block + kc * 1024, 64);
      EDGEPRESS_TILE_DP(2, 5, 6);
      if (NT == 2) EDGEPRESS_TILE_DP(3, 5, 7);
    }
  }
  char* lower = reinterpret_cast<char*>(c) + 16 * ldc;
  _tile_stored(0, c, ldc);
  if (NT == 2) _tile_stored(1, c + 16, ldc);
  if (MT == 2) _tile_stored(2, lower, ldc);
  if (MT == 2 && NT == 2) _tile_stored(3, lower + 64, ldc);
}

template <bool kSigned>
void Dispatch(int mt, int nt, const uint8_t* a, size_t a_block, const uint8_t* b, size_t panel_bytes, size_t chunks, const int32_t* init,
              int32_t* c, size_t ldc) {
  if (mt == 2 && nt == 2) return Block<2, 2, kSigned>(a, a_block, b, panel_bytes, chunks, init, c, ldc);
  if (mt == 2) return Block<2, 1, kSigned>(a, a_block, b, panel_bytes, chunks, init, c, ldc);
  if (nt == 2) return Block<1, 2, kSigned>(a, a_block, b, panel_bytes, chunks, init, c, ldc);
  Block<1, 1, kSigned>(a, a_block, b, panel_bytes, chunks, init, c, ldc);
}

}  // namespace

void AmxThreadScope(bool enter) {
  if (enter) {
    ConfigureTiles();
  } else {
    ReleaseTiles();
  }
}

void GemmInt8Amx(const GemmInt8Operands& op, size_t row_begin, size_t row_end, size_t panel_begin, size_t panel_end,
                 const GemmEpilogue& epilogue, const CancelFlag& cancel) {
  alignas(64) int32_t tile[32 * 32];
  const size_t kp = op.b.kp, chunks = kp / kKChunk, panel_bytes = op.b.panel_bytes();
  // Streamed outputs go through the epilogue's non-temporal stores instead (see GemmEpilogue).
  const bool plain_int32 = epilogue.output == GemmOutput::kInt32 && epilogue.b_zero_point == nullptr && !epilogue.stream_out;
  for (size_t p = panel_begin; p < panel_end; p += 2) {
    const int nt = panel_end - p >= 2 ? 2 : 1;
    const size_t col = p * kPanelWidth;
    const size_t cols = op.b.n - col < kPanelWidth * nt ? op.b.n - col : kPanelWidth * nt;
    cancel.ThrowIfCancelled();
    // A is tiled in 16-row blocks (a block is 16 * kp bytes); row_begin is a multiple of 16.
    for (size_t r = row_begin; r < row_end && r < op.m; r += 32) {
      const int mt = row_end - r > 16 && op.m - r > 16 ? 2 : 1;
      const uint8_t* a = op.a8 + r * kp;
      const uint8_t* b = op.b_packed + p * panel_bytes;
      const size_t rows = std::min<size_t>(static_cast<size_t>(mt) * 16, op.m - r);
      // Plain int32 output of whole tiles: the column offsets seed the accumulators and the tiles
      // go straight to the output, with no epilogue pass.
      const bool direct = plain_int32 && rows == static_cast<size_t>(mt) * 16 && cols == kPanelWidth * nt;
      const int32_t* init = direct ? epilogue.col_offset + col : nullptr;
      int32_t* c = direct ? static_cast<int32_t*>(epilogue.out) + r * op.b.n + col : tile;
      const size_t ldc = direct ? op.b.n * sizeof(int32_t) : 32 * sizeof(int32_t);
      if (op.a_signed) {
        Dispatch<true>(mt, nt, a, 16 * kp, b, panel_bytes, chunks, init, c, ldc);
      } else {
        Dispatch<false>(mt, nt, a, 16 * kp, b, panel_bytes, chunks, init, c, ldc);
      }
      if (!direct) epilogue.Tile(r, rows, col, cols, tile, 32);
    }
  }
}

#else

bool AmxInt8Usable() { return false; }

void AmxThreadScope(bool) {}

void GemmInt8Amx(const GemmInt8Operands&, size_t, size_t, size_t, size_t, const GemmEpilogue&, const CancelFlag&) {
  throw std::runtime_error("the AMX int8 kernel is not built for this CPU");
}

#endif

}  // namespace edgepress
