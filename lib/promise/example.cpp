#include "promise/example.hpp"

#include "yamledit/emit.hpp"

namespace kratix::promise {

namespace {

YAML::Node example_value(const YAML::Node& schema) {
  if (!schema || !schema.IsMap()) return yamledit::string_node("");
  if (schema["default"]) return YAML::Clone(schema["default"]);
  if (schema["enum"] && schema["enum"].IsSequence() && schema["enum"].size() > 0) return YAML::Clone(schema["enum"][0]);
  std::string type = schema["type"] && schema["type"].IsScalar() ? schema["type"].Scalar() : "";
  if (type == "integer" || type == "number") return YAML::Node(0);
  if (type == "boolean") return YAML::Node(false);
  if (type == "array") return YAML::Load("[]");
  if (type == "object") {
    // Fill the object's own required fields too, so the example validates.
    YAML::Node obj = YAML::Load("{}");
    if (schema["required"] && schema["required"].IsSequence()) {
      for (const auto& f : schema["required"]) {
        if (f.IsScalar()) obj[f.Scalar()] = example_value(schema["properties"][f.Scalar()]);
      }
    }
    return obj;
  }
  return yamledit::string_node("");
}

}  // namespace

std::string example_spec(const YAML::Node& spec_schema) {
  if (!spec_schema || !spec_schema.IsMap() || !spec_schema["required"] || !spec_schema["required"].IsSequence())
    return "";
  YAML::Node out(YAML::NodeType::Map);
  for (const auto& field : spec_schema["required"]) {
    if (field.IsScalar()) out[field.Scalar()] = example_value(spec_schema["properties"][field.Scalar()]);
  }
  return out.size() == 0 ? "" : yamledit::emit_yaml(out);
}

}  // namespace kratix::promise
