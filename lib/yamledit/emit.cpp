#include "yamledit/emit.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <string_view>

#include "core/error.hpp"
#include "util/nesting.hpp"

namespace kratix::yamledit {

namespace {

bool is_special_word(std::string_view s) {
  static constexpr std::string_view words[] = {
      "y",     "Y",     "yes", "Yes", "YES", "n",   "N",   "no",  "No",   "NO",   "true", "True", "TRUE", "false",
      "False", "FALSE", "on",  "On",  "ON",  "off", "Off", "OFF", "null", "Null", "NULL", "~",    "<<",   "="};
  if (s.empty() || s.size() > 5) return false;  // most text: no word to compare
  return std::any_of(std::begin(words), std::end(words), [&](std::string_view w) { return s == w; });
}

// Could a plain scalar with this text read as a number (YAML 1.1 or 1.2)?
bool looks_numeric(std::string_view s) {
  std::string_view t = s;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) t.remove_prefix(1);
  if (t.empty()) return false;
  if (t[0] == '.') return true;  // .5, .inf, .nan
  return std::isdigit(static_cast<unsigned char>(t[0])) != 0;
}

// Text that reads back as the same string when written plain, whatever kind
// of value it looks like. `was_plain`: it was plain in its source, so "-x",
// "?x" and ":x" (an indicator followed by a safe character) stay plain.
bool plain_text_ok(std::string_view s, bool flow, bool was_plain) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ' || s.back() == ':') return false;
  const bool indicator_start = s.front() == '-' || s.front() == '?' || s.front() == ':';
  const bool safe_next = s.size() > 1 && s[1] != ' ' && s[1] != '\t' &&
                         !(flow && std::string_view(",[]{}").find(s[1]) != std::string_view::npos);
  if (indicator_start ? !(was_plain && safe_next)
                      : std::string_view(",[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos)
    return false;
  // What each byte may be: most are none of these, and cost one lookup.
  enum : unsigned char { kControl = 1, kColon = 2, kHash = 4, kFlow = 8 };
  static constexpr auto kinds = [] {
    std::array<unsigned char, 256> k{};
    for (int c = 0; c < 0x20; ++c) k[static_cast<size_t>(c)] = kControl;
    k[0x7f] = kControl;
    k[':'] = kColon;
    k['#'] = kHash;
    for (char c : std::string_view(",[]{}")) k[static_cast<unsigned char>(c)] = kFlow;
    return k;
  }();
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char k = kinds[static_cast<unsigned char>(s[i])];
    if (k == 0) continue;
    if (k == kControl) return false;
    if (k == kColon && i + 1 < s.size() && s[i + 1] == ' ') return false;
    if (k == kHash && i > 0 && s[i - 1] == ' ') return false;
    if (k == kFlow && flow) return false;
  }
  return true;
}

// Text that reads back as the same string when written plain.
bool plain_ok(std::string_view s, bool flow) {
  return !is_special_word(s) && !looks_numeric(s) && plain_text_ok(s, flow, false);
}

std::string double_quoted(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string quoted(std::string_view s) {
  bool simple = std::none_of(s.begin(), s.end(), [](char ch) {
    unsigned char c = static_cast<unsigned char>(ch);
    return c < 0x20 || c == 0x7f;
  });
  if (!simple) return double_quoted(s);
  std::string out;
  out.reserve(s.size() + 2);
  out += '\'';
  for (char c : s) {
    out += c;
    if (c == '\'') out += c;  // '' is a quote inside single quotes
  }
  out += '\'';
  return out;
}

// A number or boolean as code writes it (YAML::Node(3), YAML::Node(true)):
// read back as that number or boolean by YAML 1.1 and 1.2 readers alike.
bool code_literal(std::string_view s) {
  if (s == "true" || s == "false" || s == ".inf" || s == "-.inf" || s == ".nan") return true;
  std::string_view t = s;
  if (!t.empty() && t[0] == '-') t.remove_prefix(1);
  size_t digits = 0;
  while (digits < t.size() && std::isdigit(static_cast<unsigned char>(t[digits]))) ++digits;
  if (digits == 0) return false;
  if (digits > 1 && t[0] == '0') return false;  // 010 is octal to YAML 1.1
  t.remove_prefix(digits);
  if (!t.empty() && t[0] == '.') {
    size_t frac = 1;
    while (frac < t.size() && std::isdigit(static_cast<unsigned char>(t[frac]))) ++frac;
    if (frac == 1) return false;
    t.remove_prefix(frac);
  }
  if (!t.empty() && (t[0] == 'e' || t[0] == 'E')) {
    t.remove_prefix(1);
    if (!t.empty() && (t[0] == '+' || t[0] == '-')) t.remove_prefix(1);
    if (t.empty()) return false;
    while (!t.empty() && std::isdigit(static_cast<unsigned char>(t[0]))) t.remove_prefix(1);
  }
  return t.empty();
}

// One-line text of a scalar (no literal blocks). A key is always a string.
std::string scalar_text_in(const YAML::Node& n, bool flow, bool key = false) {
  if (n.IsNull()) return key ? "''" : "null";
  const std::string& s = n.Scalar();
  // Plain in its source: written plain again it reads back the same, unless it
  // holds what the new context treats specially ("-" from a flow list is a
  // string there, a nested list after "- ").
  if (n.Tag() == "?" && plain_text_ok(s, flow, true)) return s;
  if (!key && n.Tag().empty() && code_literal(s)) return s;  // a number or boolean set by code
  if (plain_ok(s, flow)) return s;
  return quoted(s);
}

bool literal_ok(const std::string& s) {
  if (s.find('\n') == std::string::npos) return false;
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && ch != '\n') || c == 0x7f) return false;
  }
  // Lines that end in spaces survive a literal block, but a string that starts
  // with blank lines or a space needs an indentation indicator. One ending in
  // more than one line break would need "|+", which also keeps the blank
  // lines that follow it in the file: such strings are double-quoted.
  return s.front() != '\n' && !s.ends_with("\n\n");
}

// The header of a literal block whose body is `relative` columns deeper than
// its parent (the indentation indicator a leading space needs).
std::string literal_header(const std::string& s, int relative) {
  std::string h = "|";
  if (s.front() == ' ') h += std::to_string(relative);
  if (s.back() != '\n') h += "-";  // literal_ok: at most one final line break
  return h;
}

void literal_body(const std::string& s, size_t indent, std::string& out) {
  std::string pad(indent, ' ');
  size_t pos = 0;
  std::string body = s;
  while (!body.empty() && body.back() == '\n') body.pop_back();
  while (pos <= body.size()) {
    size_t eol = body.find('\n', pos);
    if (eol == std::string::npos) eol = body.size();
    std::string_view line(body.data() + pos, eol - pos);
    if (!line.empty()) out += pad;
    out += line;
    out += '\n';
    pos = eol + 1;
  }
  size_t trailing = s.size() - body.size();
  for (size_t i = 1; i < trailing; ++i) out += '\n';
}

bool flow_ok(const YAML::Node& n) {
  if (n.Style() != YAML::EmitterStyle::Flow) return false;
  for (const auto& child : n) {
    const YAML::Node& v = n.IsMap() ? child.second : child;
    if (v.IsMap() || v.IsSequence()) return false;
    if (v.IsScalar() && v.Scalar().find('\n') != std::string::npos) return false;
  }
  return true;
}

// A mapping key as written; YAML reads implicit keys of at most 1024 characters.
std::string key_text_in(const YAML::Node& key, bool flow) {
  std::string text = scalar_text_in(key, flow, true);
  if (text.size() > kMaxKeyLength)
    throw Error("cannot write YAML: the key \"" + key.Scalar().substr(0, 40) + "...\" is " +
                std::to_string(text.size()) + " characters long as YAML, more than the " +
                std::to_string(kMaxKeyLength) + " YAML allows; shorten it");
  return text;
}

// Flow-style text of any value, nested collections included, on one line.
std::string flow_text(const YAML::Node& n) {
  if (!n.IsMap() && !n.IsSequence()) return scalar_text_in(n, true);
  static thread_local int depth = 0;  // collections being written around this one
  util::NestingLevel level(depth);
  if (level.too_deep()) throw Error("cannot write YAML: " + util::nesting_message());
  std::string out = n.IsMap() ? "{" : "[";
  bool first = true;
  for (const auto& child : n) {
    if (!first) out += ", ";
    first = false;
    if (n.IsMap())
      out += key_text_in(child.first, true) + ": " + flow_text(child.second);
    else
      out += flow_text(child);
  }
  return out + (n.IsMap() ? "}" : "]");
}

// Scalars equal as they would be written (so "true" and true differ, 'v1' and v1 do not).
bool same(const YAML::Node& a, const YAML::Node& b) {
  if (a.IsNull() || b.IsNull()) return a.IsNull() && b.IsNull();
  if (a.Type() != b.Type()) return false;
  if (a.IsScalar()) return a.Scalar() == b.Scalar() && scalar_text_in(a, false) == scalar_text_in(b, false);
  if (a.size() != b.size()) return false;
  if (a.IsSequence()) {
    for (size_t i = 0; i < a.size(); ++i) {
      if (!same(a[i], b[i])) return false;
    }
    return true;
  }
  for (const auto& ka : a) {
    bool found = false;
    for (const auto& kb : b) {
      if (kb.first.Scalar() != ka.first.Scalar()) continue;
      if (!same(ka.second, kb.second)) return false;
      found = true;
      break;
    }
    if (!found) return false;
  }
  return true;
}

void emit_node(const YAML::Node& n, size_t indent, const Style& st, std::string& out);

// The value after "key:" or "- ": inline for scalars and flow collections,
// otherwise on the following lines. under_key: the value of a mapping key.
void emit_value(const YAML::Node& v, size_t indent, const Style& st, bool under_key, std::string& out) {
  if (v.IsMap() || v.IsSequence()) {
    if (v.size() == 0) {
      out += v.IsMap() ? " {}\n" : " []\n";
    } else if (flow_ok(v)) {
      out += " " + flow_text(v) + "\n";
    } else {
      out += "\n";
      size_t step = static_cast<size_t>(st.step);
      if (!under_key)
        step = 2;  // under "- ": aligned after the dash
      else if (v.IsSequence() && !st.indent_sequences)
        step = 0;
      emit_node(v, indent + step, st, out);
    }
    return;
  }
  if (v.IsScalar() && literal_ok(v.Scalar())) {
    int relative = under_key ? std::min(st.step, 9) : 2;
    out += " " + literal_header(v.Scalar(), relative) + "\n";
    literal_body(v.Scalar(), indent + static_cast<size_t>(relative), out);
    return;
  }
  out += " " + scalar_text_in(v, false) + "\n";
}

void emit_node(const YAML::Node& n, size_t indent, const Style& st, std::string& out) {
  static thread_local int depth = 0;  // nodes being written around this one
  util::NestingLevel level(depth);
  if (level.too_deep()) throw Error("cannot write YAML: " + util::nesting_message());
  std::string pad(indent, ' ');
  if (n.IsMap()) {
    for (const auto& kv : n) {
      out += pad + key_text_in(kv.first, false) + ":";
      emit_value(kv.second, indent, st, true, out);
    }
  } else if (n.IsSequence()) {
    for (const auto& item : n) {
      if (item.IsMap() && item.size() > 0 && !flow_ok(item)) {
        // "- key: value" with the other keys under the first.
        std::string nested;
        emit_node(item, indent + 2, st, nested);
        out += pad + "- " + nested.substr(indent + 2);
      } else {
        out += pad + "-";
        emit_value(item, indent, st, false, out);
      }
    }
  } else {
    if (n.IsScalar() && literal_ok(n.Scalar())) {
      out += pad + literal_header(n.Scalar(), 2) + "\n";
      literal_body(n.Scalar(), indent + 2, out);
    } else {
      out += pad + scalar_text_in(n, false) + "\n";
    }
  }
}

}  // namespace

YAML::Node string_node(const std::string& value) {
  YAML::Node n(value);
  n.SetTag("!");
  return n;
}

std::string emit_yaml(const YAML::Node& node, const Style& style, int indent) {
  std::string pad(static_cast<size_t>(indent), ' ');
  if ((node.IsMap() || node.IsSequence()) && node.size() == 0) return pad + (node.IsMap() ? "{}\n" : "[]\n");
  if ((node.IsMap() || node.IsSequence()) && flow_ok(node)) return pad + flow_text(node) + "\n";
  std::string out;
  emit_node(node, static_cast<size_t>(indent), style, out);
  return out;
}

std::string scalar_text(const YAML::Node& scalar) { return scalar_text_in(scalar, false); }

std::string string_text(std::string_view s) { return plain_ok(s, false) ? std::string(s) : quoted(s); }

void append_string_text(std::string& out, std::string_view s) {
  if (plain_ok(s, false))
    out += s;
  else
    out += quoted(s);
}

std::string literal_text(const std::string& s, size_t indent) {
  if (!literal_ok(s) || s.front() == ' ') return "";
  std::string out = literal_header(s, 2) + "\n";
  literal_body(s, indent, out);
  return out;
}

std::string key_text(const std::string& key) { return key_text_in(YAML::Node(key), false); }

bool writable_key(const std::string& key) {
  return scalar_text_in(string_node(key), false, true).size() <= kMaxKeyLength;
}

std::string flow_yaml(const YAML::Node& node) { return flow_text(node); }

bool same_value(const YAML::Node& a, const YAML::Node& b) { return same(a, b); }

bool ends_with_block_scalar(const YAML::Node& value) {
  YAML::Node v = value;  // walked down without recursion: the last value of the last value ...
  for (int depth = 0; v.IsMap() || v.IsSequence(); ++depth) {
    if (v.size() == 0 || flow_ok(v) || depth > util::kMaxNesting) return false;
    YAML::Node last;
    for (const auto& child : v) last.reset(v.IsMap() ? child.second : child);
    v.reset(last);
  }
  return v.IsScalar() && literal_ok(v.Scalar());
}

bool emits_inline(const YAML::Node& v) {
  if (v.IsMap() || v.IsSequence()) return v.size() == 0 || flow_ok(v);
  return !(v.IsScalar() && literal_ok(v.Scalar()));
}

}  // namespace kratix::yamledit
