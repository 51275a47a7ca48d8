#include "yamledit/emit.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string_view>

#include "util/nesting.hpp"

namespace kratix::yamledit {

namespace {

bool is_special_word(std::string_view s) {
  static const char* words[] = {"y",    "Y",    "yes",  "Yes",   "YES",   "n",     "N",  "no", "No", "NO",
                                "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off",
                                "Off",  "OFF",  "null", "Null",  "NULL",  "~",     "<<", "="};
  return std::any_of(std::begin(words), std::end(words), [&](const char* w) { return s == w; });
}

// Could a plain scalar with this text read as a number (YAML 1.1 or 1.2)?
bool looks_numeric(std::string_view s) {
  std::string_view t = s;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) t.remove_prefix(1);
  if (t.empty()) return false;
  if (t[0] == '.') return true;  // .5, .inf, .nan
  return std::isdigit(static_cast<unsigned char>(t[0])) != 0;
}

// Text that reads back as the same string when written plain.
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
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) return false;
    if (c == ':' && i + 1 < s.size() && s[i + 1] == ' ') return false;
    if (c == '#' && i > 0 && s[i - 1] == ' ') return false;
    if (flow && std::string_view(",[]{}").find(static_cast<char>(c)) != std::string_view::npos) return false;
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
  std::string out = "'";
  for (char c : s) out += (c == '\'') ? std::string("''") : std::string(1, c);
  return out + "'";
}

// One-line text of a scalar (no literal blocks).
std::string scalar_text_in(const YAML::Node& n, bool flow) {
  if (n.IsNull()) return "null";
  const std::string& s = n.Scalar();
  // Plain in its source: written plain again it reads back the same, unless it
  // holds what the new context treats specially ("-" from a flow list is a
  // string there, a nested list after "- ").
  if (n.Tag() == "?" && plain_text_ok(s, flow, true)) return s;
  if (n.Tag() == "" && !s.empty() && (looks_numeric(s) || is_special_word(s)) &&
      std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == '_' || c == '~';
      }))
    return s;  // a number or boolean set by code
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

std::string literal_header(const std::string& s) {
  std::string h = "|";
  if (s.front() == ' ') h += "2";
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
std::string key_text(const YAML::Node& key, bool flow) {
  std::string text = scalar_text_in(key, flow);
  if (text.size() > kMaxKeyLength)
    throw Error("cannot write YAML: the key \"" + key.Scalar().substr(0, 40) + "...\" is " +
                std::to_string(text.size()) + " characters long as YAML, more than the " +
                std::to_string(kMaxKeyLength) + " YAML allows; shorten it");
  return text;
}

std::string flow_text(const YAML::Node& n) {
  std::string out = n.IsMap() ? "{" : "[";
  bool first = true;
  for (const auto& child : n) {
    if (!first) out += ", ";
    first = false;
    if (n.IsMap())
      out += key_text(child.first, true) + ": " + scalar_text_in(child.second, true);
    else
      out += scalar_text_in(child, true);
  }
  return out + (n.IsMap() ? "}" : "]");
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
    out += " " + literal_header(v.Scalar()) + "\n";
    literal_body(v.Scalar(), indent + static_cast<size_t>(under_key ? st.step : 2), out);
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
      out += pad + key_text(kv.first, false) + ":";
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
      out += pad + literal_header(n.Scalar()) + "\n";
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

bool ends_in_line_break(const YAML::Node& value) {
  YAML::Node last = value;
  for (int depth = 0;
       depth < util::kMaxNesting && (last.IsMap() || last.IsSequence()) && last.size() > 0 && !flow_ok(last); ++depth) {
    YAML::Node next;
    for (const auto& child : last) next.reset(last.IsMap() ? child.second : child);
    last.reset(next);
  }
  return last.IsScalar() && literal_ok(last.Scalar()) && last.Scalar().back() == '\n';
}

bool writable_key(const std::string& key) { return scalar_text_in(string_node(key), false).size() <= kMaxKeyLength; }

bool emits_inline(const YAML::Node& v) {
  if (v.IsMap() || v.IsSequence()) return v.size() == 0 || flow_ok(v);
  return !(v.IsScalar() && literal_ok(v.Scalar()));
}

}  // namespace kratix::yamledit
