#include "yamledit/scalar.hpp"

#include <vector>

#include "util/utf8.hpp"

namespace kratix::yamledit {

namespace {

bool blank(char c) { return c == ' ' || c == '\t'; }

// One escape of a double-quoted scalar at s[i] (just past the '\'); returns
// the index after it.
size_t escape(std::string_view s, size_t i, std::string& out) {
  if (i >= s.size()) return i;
  char c = s[i];
  auto hex = [&](size_t digits) {
    unsigned long cp = 0;
    size_t j = i + 1;
    for (; j < s.size() && j < i + 1 + digits; ++j) {
      char h = s[j];
      int v = (h >= '0' && h <= '9')   ? h - '0'
              : (h >= 'a' && h <= 'f') ? h - 'a' + 10
              : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                       : -1;
      if (v < 0) break;
      cp = cp * 16 + static_cast<unsigned long>(v);
    }
    util::append_utf8(out, cp);
    return j;
  };
  switch (c) {
    case '0': out += '\0'; break;
    case 'a': out += '\a'; break;
    case 'b': out += '\b'; break;
    case 't':
    case '\t': out += '\t'; break;
    case 'n': out += '\n'; break;
    case 'v': out += '\v'; break;
    case 'f': out += '\f'; break;
    case 'r': out += '\r'; break;
    case 'e': out += '\x1b'; break;
    case 'N': util::append_utf8(out, 0x85); break;
    case '_': util::append_utf8(out, 0xA0); break;
    case 'L': util::append_utf8(out, 0x2028); break;
    case 'P': util::append_utf8(out, 0x2029); break;
    case 'x': return hex(2);
    case 'u': return hex(4);
    case 'U': return hex(8);
    default: out += c;  // \" \\ \/ \  and the rest as themselves
  }
  return i + 1;
}

// A plain or quoted scalar's text folded over its lines: each line break
// becomes a space, k empty lines become k line feeds, and the spaces around
// line breaks go. quote: 0 for plain, '\'' or '"' (s is then inside the quotes).
std::string fold(std::string_view s, char quote) {
  std::string out;
  out.reserve(s.size());
  size_t keep = 0;  // out's length without the unescaped blanks at its end
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (quote == '"' && c == '\\') {
      if (i + 1 < s.size() && (s[i + 1] == '\n' || s[i + 1] == '\r')) {
        // An escaped line break: the lines join with nothing between them.
        i += 1;
        if (s[i] == '\r') ++i;
        if (i < s.size() && s[i] == '\n') ++i;
        while (i < s.size() && blank(s[i])) ++i;
        keep = out.size();
        continue;
      }
      i = escape(s, i + 1, out);
      keep = out.size();
      continue;
    }
    if (quote == '\'' && c == '\'' && i + 1 < s.size() && s[i + 1] == '\'') {
      out += '\'';
      i += 2;
      keep = out.size();
      continue;
    }
    if (c == '\n' || c == '\r') {
      out.resize(keep);
      size_t empty = 0;
      while (i < s.size() && (s[i] == '\n' || s[i] == '\r' || blank(s[i]))) {
        if (s[i] == '\n') ++empty;
        ++i;
      }
      out.append(empty > 1 ? empty - 1 : 1, empty > 1 ? '\n' : ' ');
      keep = out.size();
      continue;
    }
    out += c;
    if (!blank(c)) keep = out.size();
    ++i;
  }
  if (quote == 0) out.resize(keep);
  return out;
}

std::string block(std::string_view text, const Node& n) {
  size_t header_end = text.find('\n', n.begin);
  std::vector<std::string_view> lines;
  if (header_end != std::string_view::npos && header_end < n.end) {
    size_t pos = header_end + 1;
    while (pos <= n.end) {
      size_t nl = text.find('\n', pos);
      size_t e = (nl == std::string_view::npos || nl > n.end) ? n.end : nl;
      std::string_view line = text.substr(pos, e - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      auto indent = static_cast<size_t>(std::max(n.indent, 0));
      lines.push_back(line.size() > indent ? line.substr(indent) : std::string_view());
      if (nl == std::string_view::npos || nl >= n.end) break;
      pos = nl + 1;
    }
  }
  std::string out;
  size_t trailing_empty = 0;  // folded: empty lines after the last text, within the scalar (kept ones)
  if (n.style == Node::Style::Literal) {
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) out += '\n';
      out += lines[i];
    }
  } else {
    int prev = 0;  // 0 none yet, 1 a normal line, 2 a more-indented one
    size_t empty = 0;
    for (std::string_view line : lines) {
      if (line.empty()) {
        ++empty;
        continue;
      }
      int kind = blank(line.front()) ? 2 : 1;
      if (prev == 0)
        out.append(empty, '\n');
      else if (prev == 1 && kind == 1)
        out.append(empty > 0 ? empty : 1, empty > 0 ? '\n' : ' ');
      else
        out.append(empty + 1, '\n');
      out += line;
      prev = kind;
      empty = 0;
    }
    trailing_empty = empty;
  }
  // Chomping: the line break after the last line, and for '+' the empty lines after it.
  size_t after = n.end;
  bool broken = after < text.size();
  if (n.chomp == '-' || !broken) return out;
  if (!out.empty() || n.chomp == '+') out += '\n';
  if (n.chomp == '+') out.append(trailing_empty, '\n');
  if (n.chomp == '+') {
    size_t pos = text.find('\n', after);
    while (pos != std::string_view::npos) {
      size_t next = text.find('\n', pos + 1);
      std::string_view line = text.substr(pos + 1, (next == std::string_view::npos ? text.size() : next) - pos - 1);
      bool is_blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
      if (!is_blank || next == std::string_view::npos) break;
      out += '\n';
      pos = next;
    }
  }
  return out;
}

}  // namespace

std::string decode_quoted(std::string_view quoted) {
  if (quoted.size() < 2) return std::string();
  return fold(quoted.substr(1, quoted.size() - 2), quoted.front());
}

std::string scalar_value(std::string_view text, const Node& n) {
  if (n.kind != Node::Kind::Scalar) return std::string();
  std::string_view raw = text.substr(n.begin, n.end - n.begin);
  switch (n.style) {
    case Node::Style::Single:
    case Node::Style::Double: return decode_quoted(raw);
    case Node::Style::Literal:
    case Node::Style::Folded: return block(text, n);
    default: break;
  }
  if (raw.find('\n') == std::string_view::npos) return std::string(raw);
  return fold(raw, 0);
}

}  // namespace kratix::yamledit
