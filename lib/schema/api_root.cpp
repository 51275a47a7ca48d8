#include "schema/api_root.hpp"

namespace kratix::schema {

namespace {

bool has_required(const YAML::Node& s) { return s["required"] && s["required"].size() > 0; }

}  // namespace

void finish_spec(YAML::Node spec) {
  spec["type"] = "object";
  if (!spec["properties"]) spec["properties"] = YAML::Node(YAML::NodeType::Map);
  if (!has_required(spec) && !spec["default"]) spec["default"] = YAML::Node(YAML::NodeType::Map);
}

void fill_api_root(YAML::Node root, const YAML::Node& spec_schema) {
  root["type"] = "object";
  root["properties"]["spec"] = spec_schema;  // the one merge of the (large) schema into the CRD
  if (has_required(spec_schema)) root["required"].push_back("spec");
}

}  // namespace kratix::schema
