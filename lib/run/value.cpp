#include "run/value.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>

#include "core/error.hpp"
#include "util/yaml_load.hpp"
#include "yamledit/emit.hpp"

namespace kratix::run {

namespace {

constexpr std::string_view kTagPrefix = "tag:yaml.org,2002:";

// go-yaml v2's yamlStyleFloat: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool yaml_style_float(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  auto digits = [&] {
    size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - from;
  };
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  } else {
    if (digits() == 0) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      digits();
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

// Go's strconv.ParseInt(s, 0, 64) / ParseUint: optional sign, then 0x, 0o, 0b,
// a leading 0 (octal) or decimal digits.
std::optional<Json> parse_go_int(std::string_view s) {
  bool negative = false;
  std::string_view t = s;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) {
    negative = t[0] == '-';
    t.remove_prefix(1);
  }
  if (t.empty()) return std::nullopt;
  int base = 10;
  if (t.size() > 1 && t[0] == '0') {
    char p = static_cast<char>(t[1] | 0x20);
    if (p == 'x') {
      base = 16;
      t.remove_prefix(2);
    } else if (p == 'o') {
      base = 8;
      t.remove_prefix(2);
    } else if (p == 'b') {
      base = 2;
      t.remove_prefix(2);
    } else {
      base = 8;
      t.remove_prefix(1);
    }
  }
  if (t.empty()) return std::nullopt;
  unsigned long long value = 0;
  for (char c : t) {
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    if (d < 0 || d >= base) return std::nullopt;
    if (value >
        (std::numeric_limits<unsigned long long>::max() - static_cast<unsigned>(d)) / static_cast<unsigned>(base))
      return std::nullopt;
    value = value * static_cast<unsigned>(base) + static_cast<unsigned>(d);
  }
  constexpr auto max_signed = static_cast<unsigned long long>(std::numeric_limits<long long>::max());
  if (negative) {
    if (value > max_signed + 1) return std::nullopt;
    if (value == max_signed + 1) return Json(std::numeric_limits<long long>::min());
    return Json(-static_cast<long long>(value));
  }
  if (value <= max_signed) return Json(static_cast<long long>(value));
  return Json(static_cast<unsigned long long>(value));
}

std::optional<double> parse_float(const std::string& s) {
  errno = 0;
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0') return std::nullopt;
  return d;
}

// go-yaml v2's resolve() for a plain scalar.
Json resolve_plain(const std::string& s) {
  static const std::pair<const char*, int> words[] = {
      {"y", 1},    {"Y", 1},  {"yes", 1},   {"Yes", 1},   {"YES", 1},   {"true", 1}, {"True", 1},
      {"TRUE", 1}, {"on", 1}, {"On", 1},    {"ON", 1},    {"n", 0},     {"N", 0},    {"no", 0},
      {"No", 0},   {"NO", 0}, {"false", 0}, {"False", 0}, {"FALSE", 0}, {"off", 0},  {"Off", 0},
      {"OFF", 0},  {"", 2},   {"~", 2},     {"null", 2},  {"Null", 2},  {"NULL", 2},
  };
  for (const auto& [w, v] : words) {
    if (s == w) return v == 2 ? Json(nullptr) : Json(v == 1);
  }
  for (const char* w : {".nan", ".NaN", ".NAN"})
    if (s == w) return Json(std::numeric_limits<double>::quiet_NaN());
  for (const char* w : {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})
    if (s == w) return Json(std::numeric_limits<double>::infinity());
  for (const char* w : {"-.inf", "-.Inf", "-.INF"})
    if (s == w) return Json(-std::numeric_limits<double>::infinity());
  char first = s[0];
  if (first == '.') {
    if (auto d = parse_float(s)) return Json(*d);
    return Json(s);
  }
  if ((first >= '0' && first <= '9') || first == '+' || first == '-') {
    std::string plain;
    std::copy_if(s.begin(), s.end(), std::back_inserter(plain), [](char c) { return c != '_'; });
    if (auto i = parse_go_int(plain)) return *i;
    if (yaml_style_float(plain)) {
      if (auto d = parse_float(plain)) return Json(*d);
    }
  }
  return Json(s);  // timestamps too: go-yaml v2 gives interface{} targets the string
}

Json scalar(const YAML::Node& n) {
  const std::string& tag = n.Tag();
  const std::string& s = n.Scalar();
  if (tag == "!" || tag.empty()) return tag.empty() ? resolve_plain(s) : Json(s);
  if (tag.starts_with(kTagPrefix)) {
    std::string_view kind = std::string_view(tag).substr(kTagPrefix.size());
    if (kind == "str" || kind == "binary" || kind == "timestamp") return Json(s);
    Json v = resolve_plain(s);
    if (kind == "null" || kind == "bool" || kind == "int" || kind == "float") return v;
    return Json(s);
  }
  return resolve_plain(s);  // "?" (plain) and local tags
}

std::string format_float(double d) {
  if (std::isnan(d)) return ".nan";
  if (std::isinf(d)) return d > 0 ? ".inf" : "-.inf";
  if (std::floor(d) == d && std::fabs(d) < 1e21) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", d);
    return buf;
  }
  return Json(d).dump();
}

// The key text Go's JSON conversion gives a resolved YAML key.
std::string key_text(const Json& k) {
  if (k.is_string()) return k.get<std::string>();
  if (k.is_null()) return "null";
  if (k.is_number_float()) return format_float(k.get<double>());
  return k.dump();
}

YAML::Node to_node(const Json& v) {
  switch (v.type()) {
    case Json::value_t::object: {
      YAML::Node m(YAML::NodeType::Map);
      for (const auto& [k, item] : v.items()) m.force_insert(yamledit::string_node(k), to_node(item));
      return m;
    }
    case Json::value_t::array: {
      YAML::Node s(YAML::NodeType::Sequence);
      for (const auto& item : v) s.push_back(to_node(item));
      return s;
    }
    case Json::value_t::string: return yamledit::string_node(v.get<std::string>());
    case Json::value_t::boolean: return YAML::Node(v.get<bool>() ? "true" : "false");
    case Json::value_t::number_float: return YAML::Node(format_float(v.get<double>()));
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return YAML::Node(v.dump());
    default: return YAML::Node(YAML::NodeType::Null);
  }
}

}  // namespace

Json to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      Json out = Json::object();
      for (const auto& kv : node) out[key_text(to_json(kv.first))] = to_json(kv.second);
      return out;
    }
    case YAML::NodeType::Sequence: {
      Json out = Json::array();
      for (const auto& item : node) out.push_back(to_json(item));
      return out;
    }
    case YAML::NodeType::Scalar: return scalar(node);
    default: return Json(nullptr);
  }
}

std::vector<Json> parse_yaml_stream(const std::string& text, const std::string& file) {
  std::vector<YAML::Node> docs;
  try {
    docs = util::load_all(text, file);
  } catch (const YAML::Exception& e) {
    throw Error(SourceLocation{file, e.mark.line + 1, e.mark.column + 1}, "not valid YAML: " + e.msg);
  }
  std::vector<Json> out;
  out.reserve(docs.size());
  for (const auto& d : docs) out.push_back(to_json(d));
  return out;
}

Json parse_yaml_value(const std::string& text, const std::string& file) {
  std::vector<Json> docs = parse_yaml_stream(text, file);
  if (docs.empty()) return Json(nullptr);
  if (docs.size() > 1)
    throw Error(SourceLocation{file, 0, 0}, "holds " + std::to_string(docs.size()) +
                                                " YAML documents where one is expected; keep one document in it");
  return docs.front();
}

std::string to_yaml(const Json& value) {
  if (value.is_null()) return "null\n";
  return yamledit::emit_yaml(to_node(value), yamledit::Style{2, false});
}

std::string brief(const Json& value) {
  std::string s = value.is_string() ? value.get<std::string>() : value.dump();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

}  // namespace kratix::run
