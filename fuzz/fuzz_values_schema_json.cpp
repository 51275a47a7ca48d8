// A chart's values.schema.json -> the API schema ($ref, combinators, types),
// with an empty values.yaml (everything comes from the schema, where $ref
// recursion and growth live) and with one that sets a few common keys.
#include <string>

#include "core/error.hpp"
#include "fuzz_check.hpp"
#include "helm/schema_yaml.hpp"
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
  const std::string json(reinterpret_cast<const char*>(data), size);
  for (const char* values : {"", "image:\n  tag: v1\nreplicas: 1\nitems: []\nconfig: {}\nname: x\n"}) {
    kratix::helm::SchemaSources sources;
    sources.values_yaml = values;
    sources.values_schema_json = json;
    try {
      const nlohmann::ordered_json schema = kratix::helm::spec_schema_from_chart(sources, [](const std::string&) {});
      const std::string written = kratix::helm::schema_yaml(schema);
      YAML::Node back = YAML::Load(written);
      KRATIX_FUZZ_CHECK(reads_back(schema, back), "--- schema json\n" + json + "\n--- out\n" + written);
    } catch (const kratix::Error&) {
      continue;
    } catch (const YAML::Exception& e) {
      kratix::fuzz::broken("the schema kratix writes is not YAML", e.what() + std::string("\n--- json\n") + json);
    }
  }
  return 0;
}
