#pragma once
// `kratix test` results as text (for people), JSON and YAML (for CI).
#include <string>

#include "run/cases.hpp"
#include "run/results.hpp"

namespace kratix::run {

// Exit code of one run: 3 when a pipeline failed, 1 when a check failed, else 0.
int exit_code(const WorkflowResult& result);

// "Success (N checks)" or "Failure (N of M checks failed)".
std::string summary_line(size_t checks, size_t failed);

std::string to_text(const WorkflowResult& result);
Json to_json(const WorkflowResult& result);

std::string to_text(const SuiteResult& suite);
Json to_json(const SuiteResult& suite);

}  // namespace kratix::run
