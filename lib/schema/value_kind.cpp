#include "schema/value_kind.hpp"

#include <algorithm>
#include <cmath>
#include <regex>

namespace kratix::schema {

namespace {

bool any_of_words(const std::string& s, std::initializer_list<const char*> words) {
  for (const char* w : words) {
    if (s == w) return true;
  }
  return false;
}

}  // namespace

ValueKind kind_of(const YAML::Node& v) {
  if (!v || v.IsNull()) return ValueKind::Null;
  if (v.IsMap()) return ValueKind::Object;
  if (v.IsSequence()) return ValueKind::Array;
  const std::string& tag = v.Tag();
  const std::string& s = v.Scalar();
  if (tag == "!" || tag == "tag:yaml.org,2002:str") return ValueKind::String;
  if (tag == "tag:yaml.org,2002:int") return ValueKind::Integer;
  if (tag == "tag:yaml.org,2002:float") return ValueKind::Number;
  if (tag == "tag:yaml.org,2002:bool") return ValueKind::Boolean;
  if (any_of_words(s, {"", "~", "null", "Null", "NULL"})) return ValueKind::Null;
  if (any_of_words(s, {"true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES", "no", "No",
                       "NO",   "on",   "On",   "ON",    "off",   "Off",   "OFF", "y",   "Y",   "n",  "N"}))
    return ValueKind::Boolean;
  static const std::regex integer(R"([-+]?(0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0o?[0-7_]+))");
  static const std::regex number(
      R"([-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))");
  if (std::regex_match(s, integer)) return ValueKind::Integer;
  if (std::regex_match(s, number)) return ValueKind::Number;
  return ValueKind::String;
}

const char* kind_name(ValueKind k) {
  switch (k) {
    case ValueKind::Null: return "null";
    case ValueKind::Boolean: return "a boolean";
    case ValueKind::Integer: return "an integer";
    case ValueKind::Number: return "a number";
    case ValueKind::String: return "a string";
    case ValueKind::Object: return "an object";
    case ValueKind::Array: return "an array";
  }
  return "a value";
}

double number_of(const YAML::Node& v) {
  std::string s = v.Scalar();
  s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
  try {
    if (s.find("0x") != std::string::npos) return static_cast<double>(std::stoll(s, nullptr, 16));
    if (s.find(".inf") != std::string::npos || s.find(".Inf") != std::string::npos)
      return s[0] == '-' ? -INFINITY : INFINITY;
    return std::stod(s);
  } catch (...) {
    return 0;
  }
}

}  // namespace kratix::schema
