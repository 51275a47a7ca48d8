// A chart's values.yaml (values and helm-docs comments) -> the API schema.
// Whatever the text, the result is an Error or a schema that kratix writes as
// YAML that reads back.
#include <string>

#include "core/error.hpp"
#include "fuzz_check.hpp"
#include "helm/schema_yaml.hpp"
#include "helm/values_comments.hpp"
#include "helm/values_schema.hpp"

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
  kratix::fuzz::check_reads_back(schema, written, "--- values\n" + text);
  return 0;
}
