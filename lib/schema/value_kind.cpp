#include "schema/value_kind.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace kratix::schema {

namespace {

bool any_of_words(const std::string& s, std::initializer_list<const char*> words) {
  for (const char* w : words) {
    if (s == w) return true;
  }
  return false;
}

// The scalar grammars below are YAML 1.1's int and float as Kubernetes'
// sigs.k8s.io/yaml reads them, matched by hand in one pass: a regex engine
// recurses once per character and overflows the stack on long numbers.
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_octal(char c) { return c >= '0' && c <= '7'; }

template <class Pred>
bool all_of_nonempty(std::string_view s, Pred p) {
  return !s.empty() && std::all_of(s.begin(), s.end(), p);
}

std::string_view without_sign(std::string_view s) {
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  return s;
}

// [-+]? (0 | [1-9][0-9_]* | 0x[0-9a-fA-F_]+ | 0o?[0-7_]+)
bool is_integer_text(std::string_view s) {
  s = without_sign(s);
  if (s.empty()) return false;
  if (s == "0") return true;
  if (s.front() != '0')
    return is_digit(s.front()) && std::all_of(s.begin() + 1, s.end(), [](char c) { return is_digit(c) || c == '_'; });
  s.remove_prefix(1);
  if (s.front() == 'x') return all_of_nonempty(s.substr(1), [](char c) { return is_hex(c) || c == '_'; });
  if (s.front() == 'o') s.remove_prefix(1);
  return all_of_nonempty(s, [](char c) { return is_octal(c) || c == '_'; });
}

// [-+]? (\.[0-9]+ | [0-9][0-9_]*(\.[0-9_]*)?) ([eE][-+]?[0-9]+)?
// | [-+]? \.(inf|Inf|INF) | \.(nan|NaN|NAN)
bool is_number_text(std::string_view s) {
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  s = without_sign(s);
  if (s == ".inf" || s == ".Inf" || s == ".INF") return true;
  const size_t e = s.find_first_of("eE");
  if (e != std::string_view::npos && !all_of_nonempty(without_sign(s.substr(e + 1)), is_digit)) return false;
  std::string_view mantissa = s.substr(0, e);
  if (mantissa.empty()) return false;
  if (mantissa.front() == '.') return all_of_nonempty(mantissa.substr(1), is_digit);
  if (!is_digit(mantissa.front())) return false;
  size_t dot = mantissa.find('.');
  std::string_view whole = mantissa.substr(0, dot);
  if (!std::all_of(whole.begin(), whole.end(), [](char c) { return is_digit(c) || c == '_'; })) return false;
  if (dot == std::string_view::npos) return true;
  std::string_view fraction = mantissa.substr(dot + 1);
  return std::all_of(fraction.begin(), fraction.end(), [](char c) { return is_digit(c) || c == '_'; });
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
  if (is_integer_text(s)) return ValueKind::Integer;
  if (is_number_text(s)) return ValueKind::Number;
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
  if (!v || !v.IsScalar()) return 0;
  std::string s = v.Scalar();
  s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
  if (s.find(".inf") != std::string::npos || s.find(".Inf") != std::string::npos || s.find(".INF") != std::string::npos)
    return s[0] == '-' ? -INFINITY : INFINITY;
  if (s.find(".nan") != std::string::npos || s.find(".NaN") != std::string::npos || s.find(".NAN") != std::string::npos)
    return NAN;
  // strtod reads decimal and 0x hex, never throws, and saturates at +-HUGE_VAL.
  return std::strtod(s.c_str(), nullptr);
}

}  // namespace kratix::schema
