// A chart repository's index.yaml, read as it streams in: chunked or whole,
// the result is the same; then a version is picked from it.
#include <string>
#include <vector>

#include "chart/repo_index.hpp"
#include "core/error.hpp"
#include "fuzz_check.hpp"

namespace {

struct Outcome {
  bool failed = false;
  std::string error;
  bool found = false;
  std::vector<kratix::chart::IndexEntry> entries;
  std::vector<std::string> names;
};

Outcome scan(const std::string& chart, std::string_view text, size_t chunk) {
  Outcome o;
  kratix::chart::IndexScanner s(chart, "fuzz/index.yaml");
  try {
    for (size_t pos = 0; pos < text.size(); pos += chunk) s.write(text.substr(pos, chunk));
    s.finish();
  } catch (const kratix::Error& e) {
    o.failed = true;
    o.error = e.what();
    return o;
  }
  o.found = s.found();
  o.entries = s.entries();
  o.names = s.chart_names();
  return o;
}

bool same(const Outcome& a, const Outcome& b) {
  if (a.failed != b.failed || a.error != b.error || a.found != b.found || a.names != b.names) return false;
  if (a.entries.size() != b.entries.size()) return false;
  for (size_t i = 0; i < a.entries.size(); ++i) {
    const auto &x = a.entries[i], &y = b.entries[i];
    if (x.name != y.name || x.version != y.version || x.urls != y.urls || x.digest != y.digest ||
        x.deprecated != y.deprecated)
      return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const size_t chunk = 1 + data[0] % 64;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  Outcome first = scan("web", text, text.size() + 1);
  // The first chart the index names, as a user asking for it would.
  const std::string chart = first.names.empty() ? std::string("web") : first.names.front();
  Outcome whole = chart == "web" ? first : scan(chart, text, text.size() + 1);
  Outcome chunked = scan(chart, text, chunk);
  KRATIX_FUZZ_CHECK(same(whole, chunked),
                    "chunk " + std::to_string(chunk) + ": " + whole.error + " / " + chunked.error);
  if (whole.failed || whole.entries.empty()) return 0;
  for (const char* constraint : {"", "^1.0", ">=0.0.0-0", "1.2.3", "~0.1 || >=2"}) {
    try {
      kratix::chart::select_version(whole.entries, chart, constraint, "fuzz");
    } catch (const kratix::Error&) {}
  }
  std::vector<std::string> versions;
  for (const auto& e : whole.entries) versions.push_back(e.version);
  kratix::chart::nearest_versions(versions, "1.2.3");
  return 0;
}
