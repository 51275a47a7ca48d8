#include <unistd.h>

#include <cstdlib>

#include "process/process.hpp"

namespace stdfs = std::filesystem;

namespace kratix::process {

std::optional<stdfs::path> find_on_path(std::string_view name) {
  if (name.empty()) return std::nullopt;
  if (name.find('/') != std::string_view::npos) {
    stdfs::path p(name);
    if (::access(p.c_str(), X_OK) == 0) return p;
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::string_view dirs = path ? path : "";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t colon = dirs.find(':', start);
    if (colon == std::string_view::npos) colon = dirs.size();
    stdfs::path candidate = stdfs::path(std::string(colon > start ? dirs.substr(start, colon - start) : ".")) / name;
    std::error_code ec;
    if (stdfs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = colon + 1;
  }
  return std::nullopt;
}

}  // namespace kratix::process
