#include "util/heap.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace kratix::util {

bool huge_page_heap() {
  constexpr std::uintptr_t huge = 2u << 20;
  mallopt(M_TOP_PAD, 32 << 20);
  char* const before = static_cast<char*>(sbrk(0));
  // A block larger than all the free memory the heap holds can only come
  // from its top, which grows for it by the padding as well; written to, so
  // the compiler keeps it. Below the mmap threshold (main sets 32 MiB).
  const std::size_t size = mallinfo2().fordblks + (64u << 10);
  if (size >= (24u << 20)) return false;  // a heap with much free memory: not at start-up
  char* const grow = static_cast<char*>(std::malloc(size));
  if (grow != nullptr) *static_cast<volatile char*>(grow) = 0;
  char* const after = static_cast<char*>(sbrk(0));
  std::free(grow);
  const auto b = reinterpret_cast<std::uintptr_t>(before), a = reinterpret_cast<std::uintptr_t>(after);
  if (b == UINTPTR_MAX || a == UINTPTR_MAX) return false;  // sbrk failed: (void*)-1
  // The whole 2 MiB pages between the two breaks.
  char* const from = before + (huge - b % huge) % huge;
  char* const to = after - a % huge;
  if (to <= from) return false;
  return madvise(from, static_cast<std::size_t>(to - from), MADV_HUGEPAGE) == 0;
}

}  // namespace kratix::util
