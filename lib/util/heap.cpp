#include "util/heap.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace kratix::util {

bool huge_page_heap() {
  constexpr std::uintptr_t huge = 2u << 20;
  mallopt(M_TOP_PAD, 32 << 20);
  char* const before = static_cast<char*>(sbrk(0));
  // Blocks of 64 KiB (below any mmap threshold) until the heap has to grow,
  // which it then does by the padding; written to, so the compiler keeps them.
  std::array<char*, 64> blocks{};
  char* after = before;
  for (std::size_t i = 0; i < blocks.size() && after == before; ++i) {
    blocks[i] = static_cast<char*>(std::malloc(64 << 10));
    if (blocks[i] != nullptr) *static_cast<volatile char*>(blocks[i]) = 0;
    after = static_cast<char*>(sbrk(0));
  }
  for (char* b : blocks) std::free(b);
  const auto b = reinterpret_cast<std::uintptr_t>(before), a = reinterpret_cast<std::uintptr_t>(after);
  if (b == UINTPTR_MAX || a == UINTPTR_MAX) return false;  // sbrk failed: (void*)-1
  // The whole 2 MiB pages between the two breaks.
  char* const from = before + (huge - b % huge) % huge;
  char* const to = after - a % huge;
  if (to <= from) return false;
  return madvise(from, static_cast<std::size_t>(to - from), MADV_HUGEPAGE) == 0;
}

}  // namespace kratix::util
