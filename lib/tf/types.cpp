// Terraform type constraints: parsed from expressions, spelled back, and the
// conversions Terraform applies to a variable's default.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <set>
#include <sstream>

#include "tf/type_expr.hpp"

namespace kratix::tf {

using nlohmann::json;

namespace {

const char* kTypeForms =
    "string, number, bool, any, list(T), set(T), map(T), tuple([T, ...]) or object({name = T, ...})";

Type simple(Type::Kind k) {
  Type t;
  t.kind = k;
  return t;
}

Type collection(Type::Kind k, Type element) {
  Type t;
  t.kind = k;
  t.elements.push_back(std::move(element));
  return t;
}

std::optional<Type> keyword_type(const std::string& name) {
  if (name == "string") return simple(Type::Kind::String);
  if (name == "number") return simple(Type::Kind::Number);
  if (name == "bool") return simple(Type::Kind::Bool);
  if (name == "any") return simple(Type::Kind::Any);
  // Terraform 0.11 spellings, still accepted: list = list(any), map = map(any).
  if (name == "list") return collection(Type::Kind::List, simple(Type::Kind::Any));
  if (name == "map") return collection(Type::Kind::Map, simple(Type::Kind::Any));
  return std::nullopt;
}

std::string key_name(const Expr& key, const File& file, const char* what) {
  if (key.kind == Expr::Kind::Traversal && !key.has_traversal) return key.text;
  if (key.kind == Expr::Kind::String && !key.interpolated) return key.text;
  throw Error(file.location(key.begin),
              std::string("the ") + what + " " + file.source_of(key) + " must be a plain name or a quoted string");
}

Type parse(const Expr& e, const File& file, bool in_object);

ObjectAttribute object_attribute(const std::string& name, const Expr& e, const File& file) {
  ObjectAttribute a;
  a.name = name;
  if (e.kind == Expr::Kind::Call && e.text == "optional") {
    if (e.items.empty() || e.items.size() > 2)
      throw Error(file.location(e.begin),
                  "optional() takes a type and an optional default: optional(T) or "
                  "optional(T, DEFAULT)");
    a.optional = true;
    a.type = parse(e.items[0], file, false);
    if (e.items.size() == 2) {
      const SourceLocation where = file.location(e.items[1].begin);
      const json v = literal_value(e.items[1], file, "the default of attribute " + name);
      if (!v.is_null()) a.default_value = convert_value(v, a.type, where, "the default of attribute " + name);
    }
    return a;
  }
  a.type = parse(e, file, false);
  return a;
}

Type parse(const Expr& e, const File& file, bool /*in_object*/) {
  const SourceLocation where = file.location(e.begin);
  if (e.kind == Expr::Kind::Traversal && !e.has_traversal) {
    if (auto t = keyword_type(e.text)) return *t;
    throw Error(where, "unknown type " + e.text + "; a type is " + kTypeForms);
  }
  if (e.kind == Expr::Kind::String && !e.interpolated) {  // type = "string" (Terraform 0.11)
    if (auto t = keyword_type(e.text)) return *t;
  }
  if (e.kind == Expr::Kind::Call) {
    const std::string& f = e.text;
    auto one_argument = [&](const char* form) -> const Expr& {
      if (e.items.size() != 1) throw Error(where, f + "() takes exactly one argument: " + form);
      return e.items[0];
    };
    if (f == "list" || f == "set" || f == "map") {
      const Type::Kind k = f == "list" ? Type::Kind::List : f == "set" ? Type::Kind::Set : Type::Kind::Map;
      return collection(k, parse(one_argument("the element type, e.g. list(string)"), file, false));
    }
    if (f == "tuple") {
      const Expr& arg = one_argument("a list of element types, e.g. tuple([string, number])");
      if (arg.kind != Expr::Kind::Tuple)
        throw Error(file.location(arg.begin), "tuple() takes a list of types in brackets: tuple([string, number])");
      Type t = simple(Type::Kind::Tuple);
      for (const auto& item : arg.items) t.elements.push_back(parse(item, file, false));
      return t;
    }
    if (f == "object") {
      const Expr& arg = one_argument("the attributes in braces, e.g. object({ name = string })");
      if (arg.kind != Expr::Kind::Object)
        throw Error(file.location(arg.begin), "object() takes its attributes in braces: object({ name = string })");
      Type t = simple(Type::Kind::Object);
      std::set<std::string> seen;
      for (std::size_t i = 0; i < arg.items.size(); ++i) {
        std::string name = key_name(arg.keys[i], file, "attribute name");
        if (!seen.insert(name).second)
          throw Error(file.location(arg.keys[i].begin), "attribute " + name + " is declared twice in this object type");
        t.attributes.push_back(object_attribute(name, arg.items[i], file));
      }
      return t;
    }
    if (f == "optional") throw Error(where, "optional() is only allowed for an attribute of object({...})");
    throw Error(where, "unknown type function " + f + "(); a type is " + kTypeForms);
  }
  throw Error(where, file.source_of(e) + " is not a type constraint; a type is " + kTypeForms);
}

json number_value(const std::string& text) {
  const char* begin = text.c_str();
  char* end = nullptr;
  if (text.find_first_of(".eE") == std::string::npos) {
    errno = 0;
    const long long i = std::strtoll(begin, &end, 10);
    if (errno == 0 && *end == '\0') return i;
  }
  const double d = std::strtod(begin, &end);
  if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.0e15) return static_cast<long long>(d);
  return d;
}

std::string number_text(const json& n) {
  if (n.is_number_integer()) return std::to_string(n.get<long long>());
  std::ostringstream s;
  s.precision(17);
  s << n.get<double>();
  return s.str();
}

}  // namespace

std::string Type::str() const {
  switch (kind) {
    case Kind::String: return "string";
    case Kind::Number: return "number";
    case Kind::Bool: return "bool";
    case Kind::Any: return "any";
    case Kind::List: return "list(" + elements.at(0).str() + ")";
    case Kind::Set: return "set(" + elements.at(0).str() + ")";
    case Kind::Map: return "map(" + elements.at(0).str() + ")";
    case Kind::Tuple: {
      std::string s = "tuple([";
      for (std::size_t i = 0; i < elements.size(); ++i) s += (i ? ", " : "") + elements[i].str();
      return s + "])";
    }
    case Kind::Object: {
      std::string s = "object({";
      for (std::size_t i = 0; i < attributes.size(); ++i) {
        const auto& a = attributes[i];
        s += (i ? ", " : "") + a.name + " = " + (a.optional ? "optional(" + a.type.str() + ")" : a.type.str());
      }
      return s + "})";
    }
  }
  return "any";
}

Type parse_type(const Expr& expr, const File& file) { return parse(expr, file, false); }

json literal_value(const Expr& e, const File& file, const std::string& what) {
  switch (e.kind) {
    case Expr::Kind::Null: return nullptr;
    case Expr::Kind::Bool: return e.text == "true";
    case Expr::Kind::Number: return number_value(e.text);
    case Expr::Kind::String:
      if (!e.interpolated) return e.text;
      break;
    case Expr::Kind::Negate:
      if (e.items.size() == 1 && e.items[0].kind == Expr::Kind::Number) {
        const json v = number_value(e.items[0].text);
        return v.is_number_integer() ? json(-v.get<long long>()) : json(-v.get<double>());
      }
      break;
    case Expr::Kind::Tuple: {
      json out = json::array();
      for (const auto& item : e.items) out.push_back(literal_value(item, file, what));
      return out;
    }
    case Expr::Kind::Object: {
      json out = json::object();
      for (std::size_t i = 0; i < e.items.size(); ++i)
        out[key_name(e.keys[i], file, "key")] = literal_value(e.items[i], file, what);
      return out;
    }
    default: break;
  }
  throw Error(file.location(e.begin), what + " must be a literal value, not " + file.source_of(e) +
                                          " (Terraform allows no references, functions or ${...} here)");
}

json convert_value(const json& v, const Type& t, const SourceLocation& where, const std::string& what) {
  if (v.is_null() || t.kind == Type::Kind::Any) return v;
  auto fail = [&](const std::string& why) -> json {
    throw Error(where, what + " does not fit its type " + t.str() + ": " + why);
  };
  switch (t.kind) {
    case Type::Kind::String:
      if (v.is_string()) return v;
      if (v.is_number()) return number_text(v);
      if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
      return fail("a string is expected, not " + std::string(v.type_name()));
    case Type::Kind::Number:
      if (v.is_number()) return v;
      if (v.is_string()) {
        const std::string s = v.get<std::string>();
        char* end = nullptr;
        const double d = std::strtod(s.c_str(), &end);
        if (!s.empty() && *end == '\0' && std::isfinite(d)) return number_value(s);
        return fail("\"" + s + "\" is not a number");
      }
      return fail("a number is expected, not " + std::string(v.type_name()));
    case Type::Kind::Bool:
      if (v.is_boolean()) return v;
      if (v == "true") return true;
      if (v == "false") return false;
      return fail("a bool is expected, not " + (v.is_string() ? "\"" + v.get<std::string>() + "\"" : v.type_name()));
    case Type::Kind::List:
    case Type::Kind::Set: {
      if (!v.is_array()) return fail("a list is expected, not " + std::string(v.type_name()));
      json out = json::array();
      for (const auto& item : v) {
        json c = convert_value(item, t.elements.at(0), where, what);
        if (t.kind == Type::Kind::Set && std::find(out.begin(), out.end(), c) != out.end()) continue;
        out.push_back(std::move(c));
      }
      return out;
    }
    case Type::Kind::Tuple: {
      if (!v.is_array() || v.size() != t.elements.size())
        return fail("a list of exactly " + std::to_string(t.elements.size()) + " elements is expected");
      json out = json::array();
      for (std::size_t i = 0; i < v.size(); ++i) out.push_back(convert_value(v[i], t.elements[i], where, what));
      return out;
    }
    case Type::Kind::Map: {
      if (!v.is_object()) return fail("a map is expected, not " + std::string(v.type_name()));
      json out = json::object();
      for (const auto& [k, item] : v.items()) out[k] = convert_value(item, t.elements.at(0), where, what);
      return out;
    }
    case Type::Kind::Object: {
      if (!v.is_object()) return fail("an object is expected, not " + std::string(v.type_name()));
      json out = json::object();
      for (const auto& a : t.attributes) {
        auto it = v.find(a.name);
        if (it == v.end() || it->is_null()) {
          if (a.optional && a.default_value) out[a.name] = *a.default_value;
          if (a.optional || it != v.end()) continue;
          return fail("attribute " + a.name + " is required");
        }
        out[a.name] = convert_value(*it, a.type, where, what);
      }
      return out;
    }
    default: return v;
  }
}

}  // namespace kratix::tf
