#pragma once
#include <string>

namespace kratix::schema {

// One thing a check found: a value the schema refuses, a schema the API server
// would refuse (and, in `kratix validate`, a rule of Kratix's webhook).
struct Finding {
  std::string rule;     // e.g. "schema.type", "structural.type-missing", "webhook.pipeline-id-length"
  std::string path;     // where in the Promise (or resource), e.g. "spec.api.spec.scope"
  std::string message;  // what is wrong and how to fix it
  std::string file;     // the file and place it comes from (0: unknown)
  int line = 0;
  int column = 0;
};

}  // namespace kratix::schema
