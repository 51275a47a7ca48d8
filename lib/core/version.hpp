#pragma once
#include <string_view>

namespace kratix {
// The project version from CMakeLists.txt, e.g. "0.1.0".
std::string_view version();
// The short git revision the binary was built from ("unknown" outside git).
std::string_view git_revision();
}  // namespace kratix
