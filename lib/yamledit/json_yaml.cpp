#include "yamledit/json_yaml.hpp"

#include <cmath>
#include <cstdlib>
#include <string>

#include "yamledit/emit.hpp"

namespace kratix::yamledit {

using nlohmann::json;

YAML::Node json_to_yaml(const json& j) {
  switch (j.type()) {
    case json::value_t::object: {
      YAML::Node n(YAML::NodeType::Map);
      for (const auto& [k, v] : j.items()) n[k] = json_to_yaml(v);
      return n;
    }
    case json::value_t::array: {
      YAML::Node n(YAML::NodeType::Sequence);
      for (const auto& v : j) n.push_back(json_to_yaml(v));
      return n;
    }
    case json::value_t::string: return string_node(j.get<std::string>());
    case json::value_t::boolean: return YAML::Node(j.get<bool>());
    case json::value_t::number_integer: return YAML::Node(j.get<long long>());
    case json::value_t::number_unsigned: return YAML::Node(j.get<unsigned long long>());
    case json::value_t::number_float: return YAML::Node(j.get<double>());
    default: return YAML::Node(YAML::NodeType::Null);
  }
}

namespace {

json plain_scalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  const char* begin = s.c_str();
  char* end = nullptr;
  const long long i = std::strtoll(begin, &end, 10);
  if (end != begin && *end == '\0' && s.find_first_of("xXoO") == std::string::npos) return i;
  const double d = std::strtod(begin, &end);
  if (end != begin && *end == '\0' && std::isfinite(d) && s.find_first_of("xXpP") == std::string::npos &&
      s.find("nan") == std::string::npos && s.find("inf") == std::string::npos)
    return d;
  return s;
}

}  // namespace

json yaml_to_json(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      json out = json::object();
      for (const auto& kv : n) out[kv.first.as<std::string>()] = yaml_to_json(kv.second);
      return out;
    }
    case YAML::NodeType::Sequence: {
      json out = json::array();
      for (const auto& v : n) out.push_back(yaml_to_json(v));
      return out;
    }
    case YAML::NodeType::Scalar: return n.Tag() == "!" ? json(n.Scalar()) : plain_scalar(n.Scalar());
    default: return nullptr;
  }
}

}  // namespace kratix::yamledit
