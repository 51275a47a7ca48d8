#pragma once
#include <string_view>
#include <vector>

namespace kratix::scaffold {

// One file of scaffolds/, compiled into the binary by lib/cmake/embed_files.cmake.
struct EmbeddedFile {
  std::string_view path;  // relative to scaffolds/, e.g. "promise/promise.yaml"
  std::string_view content;
};

// Every embedded file, sorted by path.
const std::vector<EmbeddedFile>& all_files();

// The content of one embedded file; throws kratix::Error when it is not there.
std::string_view file(std::string_view path);

}  // namespace kratix::scaffold
