#pragma once
// What every archive reader of kratix shares: entry paths taken apart and
// resolved without ever climbing out of the archive, and the libarchive
// handle freed by RAII.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "archive/archive_api.hpp"
#include "archive/chart_archive.hpp"

namespace kratix::archive {

// Path components with "." and empty ones dropped; ".." kept for the caller.
std::vector<std::string> components(std::string_view path);

// Resolves `target` relative to the directory `base` (components); nullopt
// when it climbs above the archive's top.
std::optional<std::vector<std::string>> resolve(std::vector<std::string> base, std::string_view target);

std::string join(const std::vector<std::string>& parts);

class Reader;

// Reads the data of the current entry (`path` of `source`) in `buffer`-sized
// pieces, counting the bytes really decompressed into `total` and refusing the
// entry or the archive past `limits` (`kind`: "chart", "module", for messages).
// Returns the data when `keep`, else "".
std::string read_entry_data(const ArchiveApi& api, const Reader& reader, std::vector<char>& buffer,
                            const Limits& limits, std::uint64_t& total, bool keep, const std::string& source,
                            const std::string& path, const char* kind);

class Reader {
 public:
  explicit Reader(const ArchiveApi& api);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;
  struct ::archive* get() const {
    return a_;
  }
  std::string error() const;

 private:
  const ArchiveApi& api_;
  struct ::archive* a_;
};

}  // namespace kratix::archive
