#pragma once
#include <optional>
#include <stdexcept>
#include <string>

namespace kratix {

// Exit codes shared by every command: 0 success, 1 failure, 2 usage error;
// 3 a workflow pipeline failed (kratix test).
enum class ExitCode : int { Ok = 0, Failure = 1, Usage = 2, PipelineFailed = 3 };

// Where in an input file a problem is. Line and column are 1-based; 0 = unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

// The one exception type lib/ throws for problems the user can act on.
// The message says what is wrong and how to fix it; cli/ prints it as
// "Error: FILE:LINE:COL: message" and exits with exit_code().
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, ExitCode code = ExitCode::Failure);
  Error(SourceLocation where, const std::string& message, ExitCode code = ExitCode::Failure);

  ExitCode exit_code() const { return code_; }
  const std::optional<SourceLocation>& where() const { return where_; }
  // "file:line:col: message" (or just the message when there is no location).
  std::string describe() const;

 private:
  std::optional<SourceLocation> where_;
  ExitCode code_;
};

// Bad flags or arguments: exit code 2.
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(message, ExitCode::Usage) {}
};

// A failure already reported on stdout (e.g. an invalid Promise): exit 1, no
// "Error:" line.
class SilentFailure : public Error {
 public:
  SilentFailure() : Error("", ExitCode::Failure) {}
};

}  // namespace kratix
