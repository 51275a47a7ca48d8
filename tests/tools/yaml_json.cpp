// kratix_yaml_json FILE...: each file's YAML documents as yaml-cpp reads them,
// one JSON line per file: {"file": F, "docs": [...]} or {"file": F, "error": E}.
// Plain scalars are typed by the YAML 1.2 core schema (null, bool, int, float),
// everything quoted or tagged !!str is a string. The e2e tests compare this
// reader with PyYAML's (YAML 1.1) on what kratix writes.
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

using nlohmann::json;

bool all_of(const std::string& s, size_t from, int (*pred)(int)) {
  if (from >= s.size()) return false;
  for (size_t i = from; i < s.size(); ++i) {
    if (!pred(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

int is_octal(int c) { return c >= '0' && c <= '7'; }

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool is_float(const std::string& s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t digits = 0, frac = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++frac;
  }
  if (digits == 0 && frac == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    return all_of(s, i, [](int c) { return std::isdigit(c); });
  }
  return i == s.size();
}

json plain(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  size_t sign = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  try {
    if (all_of(s, sign, [](int c) { return std::isdigit(c); })) return std::stoll(s);
    if (s.starts_with("0o") && all_of(s, 2, is_octal)) return std::stoll(s.substr(2), nullptr, 8);
    if (s.starts_with("0x") && all_of(s, 2, [](int c) { return std::isxdigit(c); }))
      return std::stoll(s.substr(2), nullptr, 16);
  } catch (const std::out_of_range&) {
    return s;  // too large for a JSON integer here: compared as text
  }
  std::string t = s.substr(sign);
  if (t == ".inf" || t == ".Inf" || t == ".INF") return s[0] == '-' ? "-inf" : "inf";
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return "nan";
  if (is_float(s)) return std::stod(s);
  return s;
}

json to_json(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null: return nullptr;
    case YAML::NodeType::Scalar: return n.Tag() == "?" ? plain(n.Scalar()) : json(n.Scalar());
    case YAML::NodeType::Sequence: {
      json a = json::array();
      for (const auto& i : n) a.push_back(to_json(i));
      return a;
    }
    case YAML::NodeType::Map: {
      json o = json::object();
      for (const auto& kv : n) {
        std::string key = kv.first.IsScalar() ? kv.first.Scalar() : YAML::Dump(kv.first);
        o[key] = to_json(kv.second);
      }
      return o;
    }
    default: return nullptr;
  }
}

}  // namespace

int main(int argc, char** argv) try {
  for (int i = 1; i < argc; ++i) {
    json line = {{"file", argv[i]}};
    try {
      std::ifstream in(argv[i], std::ios::binary);
      if (!in) {
        line["error"] = "cannot read the file";
        std::cout << line.dump() << "\n";
        continue;
      }
      std::stringstream ss;
      ss << in.rdbuf();
      json docs = json::array();
      for (const auto& d : YAML::LoadAll(ss.str())) docs.push_back(to_json(d));
      line["docs"] = docs;
    } catch (const std::exception& e) {
      line["error"] = e.what();
    }
    std::cout << line.dump() << "\n";
  }
  return 0;
} catch (const std::exception& e) {
  std::cerr << "kratix_yaml_json: " << e.what() << "\n";
  return 1;
}
