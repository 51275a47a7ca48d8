// A chart archive (.tgz or .tar) read in memory with every entry checked.
// Limits are small so that bombs are refused quickly.
#include <set>
#include <string>

#include "archive/chart_archive.hpp"
#include "core/error.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::set<std::string> wanted{"Chart.yaml", "values.yaml", "values.schema.json"};
  kratix::archive::Limits limits;
  limits.max_files = 1000;
  limits.max_file_bytes = 4u << 20;
  limits.max_total_bytes = 16u << 20;
  try {
    const auto a = kratix::archive::read_chart_archive(std::string_view(reinterpret_cast<const char*>(data), size),
                                                       "fuzz.tgz", wanted, limits);
    KRATIX_FUZZ_CHECK(a.files.count("Chart.yaml") == 1, a.root);
    KRATIX_FUZZ_CHECK(a.bytes <= limits.max_total_bytes, a.root);
    for (const auto& [name, contents] : a.files) KRATIX_FUZZ_CHECK(wanted.count(name) == 1, name);
  } catch (const kratix::Error& e) {
    const std::string m = e.what();
    KRATIX_FUZZ_CHECK(m.find('\n') == std::string::npos && m.find("fuzz.tgz") != std::string::npos, m);
  }
  return 0;
}
