// Docker's and Helm's credential files (auths, credHelpers, credsStore): an
// answer or an Error for every text; a helper name is always a plain word.
#include <algorithm>
#include <cctype>
#include <string>

#include "chart/credentials.hpp"
#include "core/error.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kratix::chart;
  const std::string text(reinterpret_cast<const char*>(data), size);
  base64_decode(text);
  for (const char* registry : {"registry.example:5000", "docker.io", "ghcr.io"}) {
    try {
      const ConfigAnswer a = credentials_in_config(text, "config.json", registry);
      KRATIX_FUZZ_CHECK(std::all_of(a.helper.begin(), a.helper.end(),
                                    [](char ch) {
                                      return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' ||
                                             ch == '.';
                                    }),
                        a.helper);
    } catch (const kratix::Error& e) {
      KRATIX_FUZZ_CHECK(std::string(e.describe()).rfind("config.json", 0) == 0, e.describe());
    }
  }
  return 0;
}
