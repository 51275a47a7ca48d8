#include "util/dynlib.hpp"

#include <dlfcn.h>

#include "core/error.hpp"

namespace kratix::util {

DynLib::DynLib(const std::string& soname, const std::string& package) : soname_(soname) {
  handle_ = ::dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle_ == nullptr) {
    const char* why = ::dlerror();
    throw Error("cannot load " + soname + " (" + (why ? why : "not found") + "); install it: apt install " + package);
  }
}

DynLib::~DynLib() {
  // Kept loaded: function pointers taken from it live as long as the process.
}

void* DynLib::symbol(const char* name) const {
  ::dlerror();
  void* p = ::dlsym(handle_, name);
  if (p == nullptr) throw Error(soname_ + " has no " + name + "; it is older than kratix needs, upgrade it");
  return p;
}

Preload::Preload(void (*open)()) {
  try {
    thread_ = std::thread([open] {
      try {
        open();
      } catch (...) {  // reported by the next call
      }
    });
  } catch (const std::system_error&) {  // no thread: the library loads when first used
  }
}

Preload::~Preload() {
  if (thread_.joinable()) thread_.join();
}

}  // namespace kratix::util
