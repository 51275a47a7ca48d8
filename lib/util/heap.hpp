#pragma once
// The heap kratix allocates from, set up for a process that lives for
// milliseconds and touches megabytes.

namespace kratix::util {

// Grows the heap once by 32 MiB of address space (and later growth by as
// much) and asks the kernel to back it with 2 MiB pages where it can
// (transparent huge pages in "madvise" or "always" mode). On the VMs kratix
// runs in a fault of one 4 KiB page costs 2-4 us and a command touches
// thousands of them; one 2 MiB page costs what 50-100 of those faults do and
// replaces 512. True when the kernel took the advice; false (and nothing
// changed but the padding) with THP off, or when malloc does not grow a brk
// heap (sanitizer builds). Call it early in main, once, after raising
// M_MMAP_THRESHOLD (main sets 32 MiB) so that heap blocks of megabytes come
// from the heap.
bool huge_page_heap();

}  // namespace kratix::util
