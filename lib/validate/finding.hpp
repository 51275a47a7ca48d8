#pragma once
#include <string>
#include <vector>

namespace kratix::validate {

// One thing `kratix validate` found.
struct Finding {
  std::string rule;     // e.g. "crd.scope", "schema.type", "webhook.pipeline-id-length"
  std::string path;     // where in the Promise (or resource), e.g. "spec.api.spec.scope"
  std::string message;  // what is wrong and how to fix it
  std::string file;     // the file and place it comes from (0: unknown)
  int line = 0;
  int column = 0;
};

struct Report {
  std::vector<Finding> errors;
  std::vector<Finding> warnings;
  bool valid(bool strict) const { return errors.empty() && (!strict || warnings.empty()); }
};

}  // namespace kratix::validate
