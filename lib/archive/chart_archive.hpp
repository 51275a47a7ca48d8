#pragma once
// Reading a Helm chart archive (.tgz) safely, in memory. Every entry is checked
// before anything is kept, so a hostile archive is refused as a whole:
// absolute paths, ".." components, symlinks or hardlinks pointing outside the
// chart, device files and FIFOs, more than `max_files` entries, a file over
// `max_file_bytes` or a total over `max_total_bytes` once decompressed (bytes
// actually decompressed are counted; header sizes are not trusted).
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace kratix::archive {

struct Limits {
  std::size_t max_files = 10000;
  std::uint64_t max_file_bytes = 32ull << 20;    // 32 MiB
  std::uint64_t max_total_bytes = 256ull << 20;  // 256 MiB
};

struct ChartArchive {
  std::string root;                          // the chart's top-level directory, e.g. "datadog"
  std::map<std::string, std::string> files;  // wanted file (relative to root) -> contents
  std::size_t entries = 0;                   // entries seen
  std::uint64_t bytes = 0;                   // bytes decompressed
};

// Reads `bytes` (a gzip-compressed or plain tar) as a chart: every entry must
// lie under one top-level directory holding Chart.yaml. Keeps the contents of
// the regular files whose paths relative to the root are in `wanted`
// (e.g. {"Chart.yaml", "values.yaml"}). `source` names the archive in errors.
// kratix::Error (exit 1) with a one-line message for every refusal.
ChartArchive read_chart_archive(std::string_view bytes, const std::string& source, const std::set<std::string>& wanted,
                                const Limits& limits = {});

}  // namespace kratix::archive
