#include "promise/apply_size.hpp"

#include <yaml-cpp/yaml.h>

#include "yamledit/json_yaml.hpp"

namespace kratix::promise {

namespace {

// What one line of block-style YAML becomes in compact JSON, roughly: its text
// without indentation and "- ", with quotes around keys and strings, a colon
// and a comma. Numbers and booleans are counted as strings, so the estimate
// is a little high.
std::size_t json_estimate(std::string_view line) {
  std::size_t i = line.find_first_not_of(' ');
  if (i == std::string_view::npos || line[i] == '#') return 0;
  std::size_t n = 0;
  while (i < line.size() && line[i] == '-' && (i + 1 == line.size() || line[i + 1] == ' ')) {
    n += 1;  // the comma (or bracket) around an item
    i = line.find_first_not_of(' ', i + 1);
    if (i == std::string_view::npos) return n;
  }
  std::string_view rest = line.substr(i);
  std::size_t colon = rest.find(": ");
  if (colon == std::string_view::npos && rest.back() == ':') colon = rest.size() - 1;
  const bool quoted_key = rest.front() == '"' || rest.front() == '\'';
  if (colon == std::string_view::npos || (quoted_key && rest[colon - 1] != rest.front()))
    return n + rest.size() + 3;       // a scalar item, or a line of a block scalar
  n += colon + (quoted_key ? 2 : 4);  // "key": and the comma
  std::string_view value = rest.substr(std::min(colon + 2, rest.size()));
  if (value.empty()) return n + 2;  // a nested mapping or list: its braces
  const bool quoted = value.front() == '"' || value.front() == '\'';
  return n + value.size() + (quoted ? 0 : 2);
}

}  // namespace

std::size_t applied_size(std::string_view yaml_text) {
  std::size_t estimate = 0;
  for (std::size_t start = 0; start < yaml_text.size();) {
    std::size_t end = yaml_text.find('\n', start);
    if (end == std::string_view::npos) end = yaml_text.size();
    estimate += json_estimate(yaml_text.substr(start, end - start));
    start = end + 1;
  }
  // Far from the limit the estimate says enough; near it, the documents are
  // read and written as JSON (a 3 MB Promise takes yaml-cpp 150 ms, which
  // init helm-promise of a large chart should not pay).
  if (estimate < kAnnotationsLimit * 3 / 4 || estimate > kAnnotationsLimit * 3 / 2) return estimate;
  std::size_t total = 0;
  try {
    for (const YAML::Node& doc : YAML::LoadAll(std::string(yaml_text)))
      if (doc && !doc.IsNull()) total += yamledit::yaml_to_json(doc).dump().size();
  } catch (const YAML::Exception&) {
    return estimate;
  }
  return total;
}

std::optional<std::string> apply_size_warning(std::size_t bytes, const std::string& what, const std::string& file) {
  if (bytes <= kAnnotationsLimit) return std::nullopt;
  const auto kib = [](std::size_t b) { return std::to_string((b + 1023) / 1024) + " KiB"; };
  return what + " is about " + kib(bytes) + " as JSON, over the " + kib(kAnnotationsLimit) +
         " the API server allows for an object's annotations: a client-side `kubectl apply` stores the whole "
         "Promise in its last-applied-configuration annotation and is refused. Install it with "
         "`kubectl apply --server-side -f " +
         file + "` or `kubectl create -f " + file + "`";
}

}  // namespace kratix::promise
