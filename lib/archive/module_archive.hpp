#pragma once
// Reading a Terraform module archive (a gzip tar or a zip) safely, in memory,
// with the rules of chart archives (archive/chart_archive.hpp): absolute
// paths, ".." components, links leaving the archive, device files, FIFOs and
// sockets are refused, and entries and decompressed bytes are bounded. Unlike
// a chart, a module archive may hold files at its top level or under any
// number of directories.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "archive/chart_archive.hpp"

namespace kratix::archive {

enum class ModuleFormat { Tgz, Zip };

struct ModuleArchive {
  std::map<std::string, std::string> files;  // every regular file, by its path inside the archive
  std::set<std::string> directories;         // every directory, explicit or implied by a path
  std::size_t entries = 0;
  std::uint64_t bytes = 0;
};

// kratix::Error (exit 1) with a one-line message naming `source` and the
// entry for every refusal.
ModuleArchive read_module_archive(std::string_view bytes, const std::string& source, ModuleFormat format,
                                  const Limits& limits = {});

}  // namespace kratix::archive
