#include "helm/schema_yaml.hpp"

#include "core/error.hpp"
#include "yamledit/emit.hpp"

namespace kratix::helm {

namespace {

using nlohmann::ordered_json;

constexpr int kMaxDepth = 512;

std::string float_text(double d) {
  std::string s = ordered_json(d).dump();
  if (s == "null") throw Error("cannot write the number " + std::to_string(d) + " in a schema");
  if (s.find_first_of(".eE") == std::string::npos) return s + ".0";
  if (s.find('.') == std::string::npos) {
    size_t e = s.find_first_of("eE");
    s.insert(e, ".0");  // 1e-05 -> 1.0e-05: a float to YAML 1.1 readers too
  }
  return s;
}

bool is_inline(const ordered_json& v) { return !v.is_structured() || v.empty(); }

// Appends the text of a value that fits after "key:" or "-" on one line, with
// its leading space; a multi-line string as a literal block whose lines are at
// `indent` (ending in a line break, which the other values do not).
void append_inline(std::string& out, const ordered_json& v, size_t indent) {
  switch (v.type()) {
    case ordered_json::value_t::null: out += " null"; return;
    case ordered_json::value_t::boolean: out += v.get<bool>() ? " true" : " false"; return;
    case ordered_json::value_t::number_integer: (out += ' ') += std::to_string(v.get<std::int64_t>()); return;
    case ordered_json::value_t::number_unsigned: (out += ' ') += std::to_string(v.get<std::uint64_t>()); return;
    case ordered_json::value_t::number_float: (out += ' ') += float_text(v.get<double>()); return;
    case ordered_json::value_t::string: {
      const auto& s = v.get_ref<const std::string&>();
      if (s.find('\n') != std::string::npos) {
        std::string block = yamledit::literal_text(s, indent);
        if (!block.empty()) {
          (out += ' ') += block;
          return;
        }
      }
      out += ' ';
      yamledit::append_string_text(out, s);
      out += '\n';
      return;
    }
    case ordered_json::value_t::object: out += " {}"; return;
    case ordered_json::value_t::array: out += " []"; return;
    default: out += " null"; return;
  }
}

void emit(const ordered_json& v, size_t indent, int depth, std::string& out);

void emit_child(const ordered_json& v, size_t indent, int depth, std::string& out) {
  if (is_inline(v)) {
    append_inline(out, v, indent + 2);
    if (out.back() != '\n') out += '\n';
    return;
  }
  out += '\n';
  emit(v, indent + 2, depth + 1, out);
}

void emit(const ordered_json& v, size_t indent, int depth, std::string& out) {
  if (depth > kMaxDepth) throw Error("cannot write a schema nested deeper than 512 levels");
  std::string pad(indent, ' ');
  if (v.is_object()) {
    for (const auto& [key, child] : v.items()) {
      out += pad;
      yamledit::append_string_text(out, key);
      out += ':';
      emit_child(child, indent, depth, out);
    }
    return;
  }
  for (const auto& item : v) {
    if (item.is_object() && !item.empty()) {
      std::string nested;
      emit(item, indent + 2, depth + 1, nested);
      out += pad + "- " + nested.substr(indent + 2);
    } else {
      out += pad + '-';
      emit_child(item, indent, depth, out);
    }
  }
}

}  // namespace

std::string schema_yaml(const ordered_json& value) {
  if (is_inline(value)) {
    std::string t;
    append_inline(t, value, 2);
    t.erase(0, 1);
    if (t.back() != '\n') t += '\n';
    return t;
  }
  std::string out;
  emit(value, 0, 0, out);
  return out;
}

}  // namespace kratix::helm
