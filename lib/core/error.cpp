#include "core/error.hpp"

namespace kratix {

Error::Error(const std::string& message, ExitCode code) : std::runtime_error(message), code_(code) {}

Error::Error(SourceLocation where, const std::string& message, ExitCode code)
    : std::runtime_error(message), where_(std::move(where)), code_(code) {}

std::string Error::describe() const {
  if (!where_ || where_->file.empty()) return what();
  std::string out = where_->file;
  if (where_->line > 0) {
    out += ":" + std::to_string(where_->line);
    if (where_->column > 0) out += ":" + std::to_string(where_->column);
  }
  return out + ": " + what();
}

}  // namespace kratix
