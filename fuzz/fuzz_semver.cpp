// Helm's version constraints and semantic versions: the first line is a
// constraint, the others versions. Parsing never fails but with UsageError,
// comparison is an order, and what matches agrees with pick_highest.
#include <string>
#include <vector>

#include "chart/semver.hpp"
#include "core/error.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kratix::chart;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> lines;
  for (size_t pos = 0; pos <= text.size();) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  std::vector<Version> versions;
  for (size_t i = 1; i < lines.size(); ++i) {
    if (auto v = Version::parse(lines[i])) {
      versions.push_back(*v);
      auto again = Version::parse(v->str());
      KRATIX_FUZZ_CHECK(again && compare(*again, *v) == 0, lines[i] + " -> " + v->str());
    }
  }
  for (const auto& a : versions) {
    KRATIX_FUZZ_CHECK(compare(a, a) == 0, a.original);
    for (const auto& b : versions) {
      const int ab = compare(a, b), ba = compare(b, a);
      KRATIX_FUZZ_CHECK((ab < 0) == (ba > 0) && (ab == 0) == (ba == 0), a.original + " vs " + b.original);
    }
  }
  try {
    const Constraint c = Constraint::parse(lines[0]);
    std::vector<std::string> texts(lines.begin() + 1, lines.end());
    auto best = pick_highest(texts, c);
    if (best) {
      auto v = Version::parse(texts[*best]);
      KRATIX_FUZZ_CHECK(v && c.matches(*v), lines[0] + " picked " + texts[*best]);
      for (const auto& other : versions)
        KRATIX_FUZZ_CHECK(!c.matches(other) || compare(other, *v) <= 0, lines[0] + ": " + other.original);
    } else {
      for (const auto& other : versions) KRATIX_FUZZ_CHECK(!c.matches(other), lines[0] + ": " + other.original);
    }
  } catch (const kratix::UsageError&) {}
  return 0;
}
