#pragma once
// Shared libraries opened on first use. libcurl and libarchive pull in dozens of
// libraries (TLS, compression, LDAP, ...); loading them at startup would cost
// every command milliseconds, so only the commands that fetch or unpack charts
// open them. Built with KRATIX_DLOPEN=OFF (e.g. for Homebrew), the same tables
// are filled with the directly linked functions instead.
#include <string>
#include <thread>

namespace kratix::util {

class DynLib {
 public:
  // soname: what to dlopen ("libcurl.so.4"); package: the Debian package that
  // ships it, named in the error when it is missing.
  DynLib(const std::string& soname, const std::string& package);
  ~DynLib();
  DynLib(const DynLib&) = delete;
  DynLib& operator=(const DynLib&) = delete;

  // The address of `name`; kratix::Error naming the library when it is absent.
  void* symbol(const char* name) const;

  // Binds a function pointer: lib.bind(fn, "curl_easy_init").
  template <class F>
  void bind(F*& fn, const char* name) const {
    fn = reinterpret_cast<F*>(symbol(name));
  }

 private:
  void* handle_ = nullptr;
  std::string soname_;
};

// Runs `open` (a function that opens a library, such as net::curl) on a
// second thread, so the library loads while this one does other work; joined
// on destruction. What `open` throws is dropped: the next call of the same
// function, which then loads the library again, reports it. The dynamic
// loader loads one library at a time, so two of these do not overlap.
class Preload {
 public:
  explicit Preload(void (*open)());
  ~Preload();
  Preload(const Preload&) = delete;
  Preload& operator=(const Preload&) = delete;

 private:
  std::thread thread_;
};

}  // namespace kratix::util
