// What an OCI registry sends: WWW-Authenticate challenges, Link headers,
// tag lists, token answers and manifests; and the oci:// references users
// write. Each reader gets the same bytes.
#include <algorithm>
#include <cctype>
#include <string>

#include "chart/oci.hpp"
#include "chart/oci_parse.hpp"
#include "core/error.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kratix::chart;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const Challenge c = parse_challenge(text);
  KRATIX_FUZZ_CHECK(std::none_of(c.scheme.begin(), c.scheme.end(), [](unsigned char ch) { return std::isupper(ch); }),
                    c.scheme);
  for (const auto& [key, value] : c.params)
    KRATIX_FUZZ_CHECK(std::none_of(key.begin(), key.end(), [](unsigned char ch) { return std::isupper(ch); }), key);
  const std::string next = next_link(text, "https://registry.example:5000");
  KRATIX_FUZZ_CHECK(next.empty() || next.find("://") != std::string::npos, next);
  token_of(text);
  try {
    tags_of(text, "oci://r/x");
  } catch (const kratix::Error&) {}
  try {
    const ChartLayer layer = chart_layer_of(text, "oci://r/x:1");
    KRATIX_FUZZ_CHECK(layer.digest.size() == 71 && layer.digest.rfind("sha256:", 0) == 0, layer.digest);
  } catch (const kratix::Error&) {}
  try {
    const OciReference r = parse_oci_reference(text);
    KRATIX_FUZZ_CHECK(!r.registry.empty() && !r.repository.empty(), text);
  } catch (const kratix::Error&) {}
  return 0;
}
