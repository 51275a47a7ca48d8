#pragma once
#include <vector>

#include "schema/sink.hpp"

namespace kratix::validate {

// validate's findings are those of the schema checks (lib/schema/), with its
// own rules beside them.
using schema::child_of;
using schema::child_path;
using schema::Finding;
using schema::item_path;
using schema::Sink;

struct Report {
  std::vector<Finding> errors;
  std::vector<Finding> warnings;
  bool valid(bool strict) const { return errors.empty() && (!strict || warnings.empty()); }
};

}  // namespace kratix::validate
