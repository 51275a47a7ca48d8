#include "schema/check_value.hpp"

#include <cmath>
#include <set>

#include "schema/pattern.hpp"
#include "schema/value_kind.hpp"

namespace kratix::schema {

namespace {

bool flag(const YAML::Node& schema, const char* key) {
  YAML::Node v = schema[key];
  return v && v.IsScalar() && v.Scalar() == "true";
}

std::string text(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : ""; }

size_t utf8_length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool type_matches(const std::string& type, ValueKind k) {
  if (type == "string") return k == ValueKind::String;
  if (type == "integer") return k == ValueKind::Integer;
  if (type == "number") return k == ValueKind::Integer || k == ValueKind::Number;
  if (type == "boolean") return k == ValueKind::Boolean;
  if (type == "object") return k == ValueKind::Object;
  if (type == "array") return k == ValueKind::Array;
  return true;
}

bool same_value(const YAML::Node& a, const YAML::Node& b) {
  ValueKind ka = kind_of(a), kb = kind_of(b);
  bool numeric =
      (ka == ValueKind::Integer || ka == ValueKind::Number) && (kb == ValueKind::Integer || kb == ValueKind::Number);
  if (ka != kb && !numeric) return false;
  if (numeric) return number_of(a) == number_of(b);
  if (ka == ValueKind::Boolean) {
    auto truthy = [](const std::string& s) {
      return s == "true" || s == "True" || s == "TRUE" || s == "yes" || s == "Yes" || s == "YES" || s == "on" ||
             s == "On" || s == "ON" || s == "y" || s == "Y";
    };
    return truthy(a.Scalar()) == truthy(b.Scalar());
  }
  if (ka == ValueKind::Null) return true;
  if (ka == ValueKind::String) return a.Scalar() == b.Scalar();
  if (ka == ValueKind::Array) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!same_value(a[i], b[i])) return false;
    }
    return true;
  }
  if (a.size() != b.size()) return false;
  for (const auto& kv : a) {
    YAML::Node other = b[kv.first.Scalar()];
    if (!other || !same_value(kv.second, other)) return false;
  }
  return true;
}

void check(const YAML::Node& v, const YAML::Node& s, const std::string& path, const Sink& sink, bool resource_root);

void check_object(const YAML::Node& v, const YAML::Node& s, const std::string& path, const Sink& sink,
                  bool resource_root) {
  YAML::Node props = s["properties"];
  YAML::Node addl = s["additionalProperties"];
  bool preserve = flag(s, "x-kubernetes-preserve-unknown-fields");
  // The API server drops null fields whose schema is not nullable (and has no
  // default) before it validates: such a field counts as absent.
  auto dropped = [&](const std::string& key, const YAML::Node& value) {
    if (kind_of(value) != ValueKind::Null) return false;
    YAML::Node sub = props && props.IsMap() && props[key] ? props[key] : (addl && addl.IsMap() ? addl : YAML::Node());
    return sub && sub.IsMap() && !flag(sub, "nullable") && !sub["default"];
  };
  if (s["required"] && s["required"].IsSequence()) {
    for (const auto& r : s["required"]) {
      YAML::Node present = v[text(r)];
      if (!present || dropped(text(r), present))
        sink.add("schema.required", v, child_path(path, text(r)),
                 child_path(path, text(r)) + " is required by the API; add it");
    }
  }
  for (const auto& kv : v) {
    std::string key = kv.first.Scalar();
    std::string p = child_path(path, key);
    if (resource_root && (key == "apiVersion" || key == "kind" || key == "metadata" || key == "status")) continue;
    if (dropped(key, kv.second)) continue;
    if (props && props.IsMap() && props[key]) {
      check(kv.second, props[key], p, sink, false);
    } else if (addl && addl.IsMap()) {
      check(kv.second, addl, p, sink, false);
    } else if (addl && addl.IsScalar() && addl.Scalar() == "false") {
      sink.add("schema.additional-properties", kv.first, p,
               p + " is not allowed here (additionalProperties: false); remove it");
    } else if (!preserve && !(addl && addl.IsScalar() && addl.Scalar() == "true") &&
               !flag(s, "x-kubernetes-embedded-resource")) {
      sink.add("schema.unknown-field", kv.first, p,
               p + " is not a field of the API; the API server would drop it (fix the name, or add the property with "
                   "'kratix update api')");
    }
  }
  if (s["minProperties"] && static_cast<double>(v.size()) < number_of(s["minProperties"]))
    sink.add("schema.min-properties", v, path, path + " needs at least " + text(s["minProperties"]) + " fields");
  if (s["maxProperties"] && static_cast<double>(v.size()) > number_of(s["maxProperties"]))
    sink.add("schema.max-properties", v, path, path + " may have at most " + text(s["maxProperties"]) + " fields");
}

void check_scalar(const YAML::Node& v, ValueKind k, const YAML::Node& s, const std::string& path, const Sink& sink) {
  if (k == ValueKind::String) {
    const std::string& str = v.Scalar();
    size_t len = utf8_length(str);
    if (s["minLength"] && static_cast<double>(len) < number_of(s["minLength"]))
      sink.add("schema.min-length", v, path, path + " is shorter than " + text(s["minLength"]) + " characters");
    if (s["maxLength"] && static_cast<double>(len) > number_of(s["maxLength"]))
      sink.add("schema.max-length", v, path, path + " is longer than " + text(s["maxLength"]) + " characters");
    if (s["pattern"] && !pattern_error(text(s["pattern"])) && !pattern_matches(text(s["pattern"]), str))
      sink.add("schema.pattern", v, path, path + " '" + str + "' does not match the pattern " + text(s["pattern"]));
  }
  if (k == ValueKind::Integer || k == ValueKind::Number) {
    double x = number_of(v);
    if (s["minimum"]) {
      double m = number_of(s["minimum"]);
      if (flag(s, "exclusiveMinimum") ? x <= m : x < m)
        sink.add("schema.minimum", v, path, path + " is " + v.Scalar() + ", below the minimum " + text(s["minimum"]));
    }
    if (s["maximum"]) {
      double m = number_of(s["maximum"]);
      if (flag(s, "exclusiveMaximum") ? x >= m : x > m)
        sink.add("schema.maximum", v, path, path + " is " + v.Scalar() + ", above the maximum " + text(s["maximum"]));
    }
    if (s["multipleOf"]) {
      double m = number_of(s["multipleOf"]);
      if (m != 0 && std::fabs(std::remainder(x, m)) > 1e-9)
        sink.add("schema.multiple-of", v, path, path + " is not a multiple of " + text(s["multipleOf"]));
    }
    std::string format = text(s["format"]);
    if (k == ValueKind::Integer && (format == "int32" && (x < -2147483648.0 || x > 2147483647.0)))
      sink.add("schema.format", v, path, path + " does not fit in an int32");
  }
}

void check(const YAML::Node& v, const YAML::Node& s, const std::string& path, const Sink& sink, bool resource_root) {
  if (!s || !s.IsMap()) return;
  ValueKind k = kind_of(v);
  std::string type = text(s["type"]);
  bool int_or_string = flag(s, "x-kubernetes-int-or-string");
  if (k == ValueKind::Null) {
    if (!flag(s, "nullable") && !type.empty())
      sink.add("schema.nullable", v, path,
               path + " is null, but the API expects " + type + "; give it a value or remove it");
    return;
  }
  if (int_or_string) {
    if (k != ValueKind::Integer && k != ValueKind::String)
      sink.add("schema.type", v, path, path + " is " + kind_name(k) + ", the API expects an integer or a string");
  } else if (!type.empty() && !type_matches(type, k)) {
    sink.add("schema.type", v, path,
             path + " is " + kind_name(k) + ", the API expects " +
                 (type == "integer" || type == "array" || type == "object" ? "an " : "a ") + type);
    return;
  }
  if (s["enum"] && s["enum"].IsSequence()) {
    bool found = false;
    std::string allowed;
    for (const auto& e : s["enum"]) {
      found = found || same_value(v, e);
      allowed += (allowed.empty() ? "" : ", ") + (e.IsScalar() ? e.Scalar() : std::string("..."));
    }
    if (!found) sink.add("schema.enum", v, path, path + " must be one of: " + allowed);
  }
  if (k == ValueKind::Object)
    check_object(v, s, path, sink, resource_root);
  else if (k == ValueKind::Array) {
    if (s["minItems"] && static_cast<double>(v.size()) < number_of(s["minItems"]))
      sink.add("schema.min-items", v, path, path + " needs at least " + text(s["minItems"]) + " items");
    if (s["maxItems"] && static_cast<double>(v.size()) > number_of(s["maxItems"]))
      sink.add("schema.max-items", v, path, path + " may have at most " + text(s["maxItems"]) + " items");
    if (flag(s, "uniqueItems")) {
      for (size_t i = 0; i < v.size(); ++i) {
        for (size_t j = i + 1; j < v.size(); ++j) {
          if (same_value(v[i], v[j]))
            sink.add("schema.unique-items", v[j], item_path(path, j),
                     item_path(path, j) + " repeats " + item_path(path, i));
        }
      }
    }
    if (s["items"] && s["items"].IsMap()) {
      for (size_t i = 0; i < v.size(); ++i) check(v[i], s["items"], item_path(path, i), sink, false);
    }
  } else {
    check_scalar(v, k, s, path, sink);
  }
  // Combinators: all must pass, any / exactly one, and not.
  if (s["allOf"] && s["allOf"].IsSequence()) {
    for (const auto& sub : s["allOf"]) check(v, sub, path, sink, resource_root);
  }
  if (s["anyOf"] && s["anyOf"].IsSequence()) {
    bool any = false;
    for (const auto& sub : s["anyOf"]) any = any || passes(v, sub);
    if (!any) sink.add("schema.any-of", v, path, path + " matches none of the schemas in anyOf");
  }
  if (s["oneOf"] && s["oneOf"].IsSequence()) {
    int n = 0;
    for (const auto& sub : s["oneOf"]) n += passes(v, sub) ? 1 : 0;
    if (n != 1)
      sink.add("schema.one-of", v, path,
               path + " must match exactly one schema in oneOf (it matches " + std::to_string(n) + ")");
  }
  if (s["not"] && s["not"].IsMap() && passes(v, s["not"]))
    sink.add("schema.not", v, path, path + " matches a schema it must not match (not)");
}

}  // namespace

void check_value(const YAML::Node& value, const YAML::Node& schema, const std::string& path, const Sink& sink,
                 bool resource_root) {
  check(value, schema, path, sink, resource_root);
}

bool passes(const YAML::Node& value, const YAML::Node& schema) {
  std::vector<Finding> found;
  Sink quiet{&found, nullptr};
  check(value, schema, "", quiet, false);
  // Unknown fields are pruned, not rejected, inside combinators.
  for (const auto& f : found) {
    if (f.rule != "schema.unknown-field") return false;
  }
  return true;
}

}  // namespace kratix::schema
