#include "scaffold/embedded.hpp"

#include <string>

#include "core/error.hpp"

namespace kratix::scaffold {

std::string_view file(std::string_view path) {
  for (const auto& f : all_files()) {
    if (f.path == path) return f.content;
  }
  throw Error("internal: no embedded scaffold named '" + std::string(path) + "'");
}

}  // namespace kratix::scaffold
