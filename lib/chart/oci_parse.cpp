#include "chart/oci_parse.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "chart/oci.hpp"
#include "core/error.hpp"

namespace kratix::chart {

namespace {

using nlohmann::json;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A quoted-string starting at s[0] == '"': its value, and s moved past it.
std::string quoted(std::string_view& s) {
  std::string out;
  std::size_t i = 1;
  for (; i < s.size() && s[i] != '"'; ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) ++i;
    out += s[i];
  }
  s.remove_prefix(std::min(i + 1, s.size()));
  return out;
}

std::string string_field(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool is_sha256_digest(const std::string& d) {
  return d.size() == 71 && d.rfind("sha256:", 0) == 0 &&
         std::all_of(d.begin() + 7, d.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

Challenge parse_challenge(std::string_view h) {
  Challenge c;
  h = trim(h);
  const auto sp = h.find_first_of(" \t");
  c.scheme = lower(std::string(h.substr(0, sp)));
  if (sp == std::string_view::npos) return c;
  std::string_view rest = h.substr(sp + 1);
  while (!rest.empty()) {
    rest.remove_prefix(std::min(rest.find_first_not_of(" \t,"), rest.size()));
    const auto eq = rest.find('=');
    if (eq == std::string_view::npos) break;
    const std::string key = lower(std::string(trim(rest.substr(0, eq))));
    rest.remove_prefix(eq + 1);
    rest = trim(rest);
    std::string value;
    if (!rest.empty() && rest.front() == '"') {
      value = quoted(rest);
    } else {
      const auto end = rest.find(',');
      value = std::string(trim(rest.substr(0, end)));
      rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
    }
    c.params.emplace(key, std::move(value));  // the first of a repeated parameter counts
  }
  return c;
}

std::string token_of(std::string_view body) {
  const json j = json::parse(body, nullptr, false);
  if (!j.is_object()) return "";
  std::string token = string_field(j, "token");
  return token.empty() ? string_field(j, "access_token") : token;
}

std::vector<std::string> tags_of(std::string_view body, const std::string& where) {
  const json j = json::parse(body, nullptr, false);
  if (!j.is_object()) throw Error(where + ": the registry's tag list is not a JSON object; is this an OCI registry?");
  std::vector<std::string> tags;
  if (auto it = j.find("tags"); it != j.end() && it->is_array())
    for (const auto& tag : *it)
      if (tag.is_string()) tags.push_back(tag.get<std::string>());
  return tags;
}

std::string next_link(std::string_view link, const std::string& origin) {
  // <url>; rel="next", <url2>; rel="prev"
  while (!link.empty()) {
    const auto lt = link.find('<');
    if (lt == std::string_view::npos) return "";
    const auto gt = link.find('>', lt);
    if (gt == std::string_view::npos) return "";
    std::string target(trim(link.substr(lt + 1, gt - lt - 1)));
    link.remove_prefix(gt + 1);
    const auto comma = link.find('<');
    const std::string params = lower(std::string(link.substr(0, comma)));
    bool next = false;
    for (std::size_t at = params.find("rel"); at != std::string::npos; at = params.find("rel", at + 3)) {
      std::string_view v(params);
      v.remove_prefix(at + 3);
      v = trim(v);
      if (v.empty() || v.front() != '=') continue;
      v.remove_prefix(1);
      v = trim(v);
      if (!v.empty() && v.front() == '"') v.remove_prefix(1);
      next = next || v.rfind("next", 0) == 0;
    }
    if (next && !target.empty()) {
      if (target.find("://") != std::string::npos) return target;
      if (target.front() == '/') return origin + target;
      return "";  // a relative reference without a path: not something a registry sends
    }
    link.remove_prefix(comma == std::string_view::npos ? link.size() : comma);
  }
  return "";
}

ChartLayer chart_layer_of(std::string_view manifest, const std::string& shown) {
  const json j = json::parse(manifest, nullptr, false);
  auto layers = j.is_object() ? j.find("layers") : j.end();
  if (!j.is_object() || layers == j.end() || !layers->is_array())
    throw Error(shown + " is not a Helm chart: its manifest has no layers (is it an image index?)");
  ChartLayer out;
  bool found = false;
  for (const auto& layer : *layers) {
    if (!layer.is_object() || string_field(layer, "mediaType") != kHelmChartLayer) continue;
    found = true;
    out.digest = string_field(layer, "digest");
    auto size = layer.find("size");
    out.size = size != layer.end() && size->is_number_unsigned() ? size->get<std::uint64_t>() : 0;
  }
  if (!found)
    throw Error(shown + " is not a Helm chart: no layer of type " + kHelmChartLayer + " (a container image?)");
  if (!is_sha256_digest(out.digest))
    throw Error(shown + ": the manifest's chart layer has no valid digest (\"" + out.digest.substr(0, 80) +
                "\" is not sha256:<64 hex digits>); the registry's manifest is broken, push the chart again");
  return out;
}

}  // namespace kratix::chart
