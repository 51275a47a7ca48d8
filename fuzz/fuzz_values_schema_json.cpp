// A chart's values.schema.json -> the API schema ($ref, combinators, types),
// with an empty values.yaml (everything comes from the schema, where $ref
// recursion and growth live) and with one that sets a few common keys.
#include <string>

#include "core/error.hpp"
#include "fuzz_check.hpp"
#include "helm/schema_yaml.hpp"
#include "helm/values_schema.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string json(reinterpret_cast<const char*>(data), size);
  for (const char* values : {"", "image:\n  tag: v1\nreplicas: 1\nitems: []\nconfig: {}\nname: x\n"}) {
    kratix::helm::SchemaSources sources;
    sources.values_yaml = values;
    sources.values_schema_json = json;
    try {
      const nlohmann::ordered_json schema = kratix::helm::spec_schema_from_chart(sources, [](const std::string&) {});
      const std::string written = kratix::helm::schema_yaml(schema);
      kratix::fuzz::check_reads_back(schema, written, "--- schema json\n" + json);
    } catch (const kratix::Error&) {
      continue;
    }
  }
  return 0;
}
