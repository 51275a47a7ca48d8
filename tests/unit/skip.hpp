#pragma once
// Unit tests that need ../shared (the corpus) say so when it is absent:
// "kratix-skip: REASON" on stdout, which ctest shows as Skipped
// (SKIP_REGULAR_EXPRESSION in tests/CMakeLists.txt) and .ci/test lists at the
// end. With CI=true (.ci/setup test provides everything) the test fails.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

namespace kratix::test {

inline bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && (std::string(ci) == "true" || std::string(ci) == "1");
}

// True when `path` is absent, after saying so; the test then returns.
inline bool skip_without(const std::filesystem::path& path) {
  if (std::filesystem::exists(path)) return false;
  const std::string reason = path.lexically_normal().string() + " is absent (../shared)";
  if (in_ci()) FAIL("CI=true, and " << reason << ": a skip is a failure here");
  std::cout << "kratix-skip: " << reason << std::endl;
  return true;
}

}  // namespace kratix::test
