#pragma once
// What the fuzz targets share: a check that stops the run (libFuzzer saves the
// input that broke it), and the meaning of a YAML tree as yaml-cpp reads it.
#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "schema/value_kind.hpp"
#include "yamledit/json_yaml.hpp"

namespace kratix::fuzz {

[[noreturn]] inline void broken(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "fuzz check failed: %s\n", what);
  std::fwrite(detail.data(), 1, detail.size(), stderr);  // it may hold NUL bytes
  std::fputc('\n', stderr);
  std::abort();
}

#define KRATIX_FUZZ_CHECK(cond, detail)                 \
  do {                                                  \
    if (!(cond)) ::kratix::fuzz::broken(#cond, detail); \
  } while (false)

// kind_of, except that an empty value with the bare tag "!" is null: yaml-cpp
// reads "k: !" as an empty string at the end of the text and as null before
// another line, so an edit elsewhere must not count as changing it.
inline schema::ValueKind kind(const YAML::Node& n) {
  if (n && n.IsScalar() && n.Scalar().empty() && n.Tag() == "!") return schema::ValueKind::Null;
  return schema::kind_of(n);
}

// An ordered_json value as a plain nlohmann::json, byte for byte (dump() and
// parse() would refuse strings that are not UTF-8, which values.yaml may hold).
inline nlohmann::json plain_json(const nlohmann::ordered_json& v) {
  switch (v.type()) {
    case nlohmann::ordered_json::value_t::object: {
      nlohmann::json out = nlohmann::json::object();
      for (auto it = v.begin(); it != v.end(); ++it) out[it.key()] = plain_json(it.value());
      return out;
    }
    case nlohmann::ordered_json::value_t::array: {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& e : v) out.push_back(plain_json(e));
      return out;
    }
    case nlohmann::ordered_json::value_t::string: return v.get<std::string>();
    case nlohmann::ordered_json::value_t::boolean: return v.get<bool>();
    case nlohmann::ordered_json::value_t::number_integer: return v.get<std::int64_t>();
    case nlohmann::ordered_json::value_t::number_unsigned: return v.get<std::uint64_t>();
    case nlohmann::ordered_json::value_t::number_float: return v.get<double>();
    default: return nullptr;
  }
}

inline bool same_meaning(const YAML::Node& a, const YAML::Node& b, int depth = 0);

// The value of the key of `map` that means the same as `key` (a null key is
// not the string ""; a list or mapping as a key, "? [a]", matches by
// meaning), or an undefined node.
inline YAML::Node value_of(const YAML::Node& map, const YAML::Node& key, int depth = 0) {
  for (const auto& kv : map) {
    if (!key.IsScalar() && !key.IsNull()) {
      if (!kv.first.IsScalar() && !kv.first.IsNull() && same_meaning(kv.first, key, depth + 1)) return kv.second;
      continue;
    }
    if (kv.first.IsScalar() == key.IsScalar() && kv.first.IsNull() == key.IsNull() && kv.first.Scalar() == key.Scalar())
      return kv.second;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

// Whether two trees mean the same to a reader: mappings as sets of keys,
// sequences in order, scalars by their text and their kind (a quoted "123"
// is a string, a plain 123 an integer; null however it is written).
inline bool same_meaning(const YAML::Node& a, const YAML::Node& b, int depth) {
  using schema::ValueKind;
  if (depth > 300) return false;
  const ValueKind ka = kind(a), kb = kind(b);
  if (ka != kb) return false;
  switch (ka) {
    case ValueKind::Null: return true;
    case ValueKind::Object: {
      if (a.size() != b.size()) return false;
      for (const auto& kv : a) {
        const YAML::Node other = value_of(b, kv.first, depth);
        if (!other || !same_meaning(kv.second, other, depth + 1)) return false;
      }
      return true;
    }
    case ValueKind::Array: {
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (!same_meaning(a[i], b[i], depth + 1)) return false;
      return true;
    }
    default: return a.Scalar() == b.Scalar();
  }
}

// Where two trees first differ in meaning ("" when they do not), for reports.
inline std::string difference(const YAML::Node& a, const YAML::Node& b, const std::string& path = "") {
  using schema::ValueKind;
  const ValueKind ka = kind(a), kb = kind(b);
  if (ka != kb)
    return path + ": " + schema::kind_name(ka) + " vs " + schema::kind_name(kb) +
           (a.IsScalar() ? " '" + a.Scalar() + "'" : "") + (b.IsScalar() ? " / '" + b.Scalar() + "'" : "");
  if (ka == ValueKind::Object) {
    for (const auto& kv : a) {
      const YAML::Node other = value_of(b, kv.first);
      if (!other) return path + "." + kv.first.Scalar() + ": missing on the right";
      std::string d = difference(kv.second, other, path + "." + kv.first.Scalar());
      if (!d.empty()) return d;
    }
    if (a.size() != b.size())
      return path + ": " + std::to_string(a.size()) + " vs " + std::to_string(b.size()) + " keys";
    return "";
  }
  if (ka == ValueKind::Array) {
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
      std::string d = difference(a[i], b[i], path + "[" + std::to_string(i) + "]");
      if (!d.empty()) return d;
    }
    return a.size() == b.size() ? ""
                                : path + ": " + std::to_string(a.size()) + " vs " + std::to_string(b.size()) + " items";
  }
  if (ka != ValueKind::Null && a.Scalar() != b.Scalar()) return path + ": '" + a.Scalar() + "' vs '" + b.Scalar() + "'";
  return "";
}

inline std::string dump(const YAML::Node& n) {
  try {
    return YAML::Dump(n);
  } catch (...) {
    return "(cannot dump)";
  }
}

// The Helm schema kratix wrote (`written`) is YAML that reads back as the
// `schema` it built, compared as JSON values (numbers by value, mappings as
// sets of keys); `input` shows what it was made from when it is not.
inline void check_reads_back(const nlohmann::ordered_json& schema, const std::string& written,
                             const std::string& input) {
  YAML::Node back;
  try {
    back = YAML::Load(written);
  } catch (const YAML::Exception& e) {
    broken("the schema kratix writes is not YAML", e.what() + ("\n" + input) + "\n--- schema\n" + written);
  }
  if (plain_json(schema) != yamledit::yaml_to_json(back))
    broken("the schema kratix writes does not read back as the schema it built", input + "\n--- schema\n" + written);
}

}  // namespace kratix::fuzz
