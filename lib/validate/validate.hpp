#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "validate/finding.hpp"

namespace kratix::validate {

struct ValidateOptions {
  std::filesystem::path dir = ".";
  std::vector<std::filesystem::path> resources;  // more requests to check (besides example-resource.yaml)
  std::string name;                              // split layouts: the Promise's name (default: the directory's name)
};

// kratix validate: the checks Kratix's admission webhook and the Kubernetes API
// server would make of the Promise in dir (flat, or split as 'build promise'
// assembles it), plus its requests against its API. Offline.
Report validate_promise(const ValidateOptions& options);

// A report of one error that stopped validation (a missing Promise, a file
// that cannot be read): what `validate -o json` prints then, so that its
// output is always JSON.
Report error_report(const std::string& message, const std::optional<SourceLocation>& where);

// Human text and JSON forms of a report (JSON even when messages quote bytes
// that are not UTF-8).
std::string to_text(const Report& report, bool strict);
std::string to_json(const Report& report, bool strict);

}  // namespace kratix::validate
