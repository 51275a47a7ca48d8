#include <doctest/doctest.h>
#include <malloc.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "util/heap.hpp"

namespace {

std::string read(const char* path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// kB of anonymous memory on 2 MiB pages in this process.
long huge_kib() {
  std::istringstream in(read("/proc/self/smaps_rollup"));
  for (std::string line; std::getline(in, line);)
    if (line.rfind("AnonHugePages:", 0) == 0) return std::stol(line.substr(14));
  return -1;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kBrkHeap = false;  // ASan's allocator maps its own memory
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kBrkHeap = false;
#else
constexpr bool kBrkHeap = true;
#endif
#else
constexpr bool kBrkHeap = true;
#endif

}  // namespace

TEST_CASE("heap: after huge_page_heap, megabytes of small allocations land on 2 MiB pages when the kernel has them") {
  const std::string mode = read("/sys/kernel/mm/transparent_hugepage/enabled");
  const bool thp = mode.find("[madvise]") != std::string::npos || mode.find("[always]") != std::string::npos;
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // as main does first
  if (kBrkHeap && mallinfo2().fordblks >= (24u << 20)) {
    // huge_page_heap is for the start of a process; ctest runs each case in a
    // process of its own, a run of the whole binary does not.
    MESSAGE(
        "this process's heap already holds over 24 MiB of free memory (other tests ran before): run this case "
        "alone (as ctest does) to check huge_page_heap");
    CHECK_FALSE(kratix::util::huge_page_heap());
    return;
  }
  const bool advised = kratix::util::huge_page_heap();
  if (!thp || !kBrkHeap) {
    MESSAGE(
        "transparent huge pages are off here, or malloc has no brk heap (a sanitizer build): only that "
        "huge_page_heap says so is checked");
    const bool advised_without_brk_heap = advised && !kBrkHeap;
    CHECK_FALSE(advised_without_brk_heap);
    return;
  }
  REQUIRE(advised);
  std::vector<std::string> blocks;
  for (int i = 0; i < 16000; ++i) blocks.emplace_back(1000, 'x');  // 16 MB the way kratix allocates: small
  CHECK(huge_kib() >= 2048);
}
