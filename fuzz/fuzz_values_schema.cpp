// A chart's values.yaml (values and helm-docs comments) -> the API schema.
// Whatever the text, the result is an Error or a schema that kratix writes as
// YAML that reads back.
#include <string>

#include "core/error.hpp"
#include "fuzz_check.hpp"
#include "helm/schema_yaml.hpp"
#include "helm/values_comments.hpp"
#include "helm/values_schema.hpp"
#include "yamledit/json_yaml.hpp"

namespace {

// Whether the YAML kratix wrote reads back as the schema it built (compared
// as JSON values: numbers by value, mappings as sets of keys).
bool reads_back(const nlohmann::ordered_json& schema, const YAML::Node& back) {
  return kratix::fuzz::plain_json(schema) == kratix::yamledit::yaml_to_json(back);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    kratix::helm::values_docs(text);  // reads values.yaml too: an Error for text that is not YAML
  } catch (const kratix::Error&) {
    return 0;
  }
  kratix::helm::SchemaSources sources;
  sources.values_yaml = text;
  nlohmann::ordered_json schema;
  try {
    schema = kratix::helm::spec_schema_from_chart(sources, [](const std::string&) {});
  } catch (const kratix::Error&) {
    return 0;
  }
  std::string written;
  try {
    written = kratix::helm::schema_yaml(schema);
  } catch (const kratix::Error&) {
    return 0;  // nesting too deep to write
  }
  try {
    YAML::Node back = YAML::Load(written);
    KRATIX_FUZZ_CHECK(reads_back(schema, back), "--- values\n" + text + "\n--- schema\n" + written);
  } catch (const YAML::Exception& e) {
    kratix::fuzz::broken("the schema kratix writes is not YAML", e.what() + std::string("\n--- schema\n") + written);
  }
  return 0;
}
