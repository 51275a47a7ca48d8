#include <doctest/doctest.h>

#include <string>

#include "core/error.hpp"
#include "util/dynlib.hpp"

using kratix::util::DynLib;

namespace {

std::string error_of(const char* soname, const char* package, const char* symbol = nullptr) {
  try {
    DynLib lib(soname, package);
    if (symbol != nullptr) lib.symbol(symbol);
  } catch (const kratix::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("dynlib: a missing library names the package to install") {
  const std::string e = error_of("libkratix-nothing.so.9", "libkratix-nothing9");
  CHECK(e.find("cannot load libkratix-nothing.so.9") != std::string::npos);
  CHECK(e.find("apt install libkratix-nothing9") != std::string::npos);
}

TEST_CASE("dynlib: symbols are found, and a missing one is an error naming the library") {
  DynLib libc("libc.so.6", "libc6");
  CHECK(libc.symbol("strlen") != nullptr);
  using strlen_fn = std::size_t(const char*);
  strlen_fn* fn = nullptr;
  libc.bind(fn, "strlen");
  CHECK(fn("kratix") == 6);
  const std::string e = error_of("libc.so.6", "libc6", "kratix_no_such_function");
  CHECK(e.find("libc.so.6 has no kratix_no_such_function") != std::string::npos);
}
