#pragma once
#include <string>

#include "core/error.hpp"

namespace kratix::run {

// Input that `kratix test` cannot run (a Promise, object, test case or flag it
// refuses): exit 2, so that exit 1 always means "a check failed" and 3 "a
// pipeline failed".
[[noreturn]] inline void refuse(const SourceLocation& where, const std::string& message) {
  throw Error(where, message, ExitCode::Usage);
}
[[noreturn]] inline void refuse(const std::string& message) { throw Error(message, ExitCode::Usage); }

// Runs f; a kratix::Error it throws with exit 1 (e.g. a malformed promise.yaml
// found by the Promise readers) becomes an input error (exit 2).
template <typename F>
auto as_input_error(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const UsageError&) {
    throw;
  } catch (const Error& e) {
    if (e.exit_code() != ExitCode::Failure) throw;
    if (e.where()) throw Error(*e.where(), e.what(), ExitCode::Usage);
    throw Error(e.what(), ExitCode::Usage);
  }
}

}  // namespace kratix::run
