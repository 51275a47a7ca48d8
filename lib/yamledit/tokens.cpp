#include "yamledit/tokens.hpp"

#include <cstdio>

#include "util/utf8.hpp"
#include "yamledit/scalar.hpp"

namespace kratix::yamledit {

namespace {

bool blank(char c) { return c == ' ' || c == '\t'; }

std::size_t skip_blanks(std::string_view t, std::size_t pos, std::size_t end) {
  while (pos < end && blank(t[pos])) ++pos;
  return pos;
}

}  // namespace

std::size_t quoted_scalar_end(std::string_view t, std::size_t pos) {
  const char q = t[pos];
  std::size_t i = pos + 1;
  while (i < t.size()) {
    if (q == '\'' && t[i] == '\'') {
      if (i + 1 < t.size() && t[i + 1] == '\'') {
        i += 2;
        continue;
      }
      return i + 1;
    }
    if (q == '"' && t[i] == '\\') {
      i += 2;
      continue;
    }
    if (q == '"' && t[i] == '"') return i + 1;
    ++i;
  }
  return std::string_view::npos;
}

std::size_t plain_scalar_end(std::string_view t, std::size_t pos, std::size_t end, std::size_t& comment) {
  std::size_t e = end;
  comment = std::string_view::npos;
  for (std::size_t i = pos; i < end; ++i) {
    if (t[i] == '#' && i > pos && blank(t[i - 1])) {
      e = i;
      comment = i;
      break;
    }
  }
  while (e > pos && blank(t[e - 1])) --e;
  return e;
}

std::optional<KeyToken> key_token(std::string_view t, std::size_t pos, std::size_t end, std::size_t* unclosed) {
  const std::size_t begin = pos;
  bool complex = false;
  // Properties of the key: "&a key: v", "!!str 1: v".
  while (pos < end && (t[pos] == '&' || t[pos] == '!')) {
    while (pos < end && !blank(t[pos])) ++pos;
    pos = skip_blanks(t, pos, end);
    complex = true;
  }
  if (pos >= end) return std::nullopt;
  const char c = t[pos];
  if (c == '"' || c == '\'') {
    const std::size_t q = quoted_scalar_end(t, pos);
    if (q == std::string_view::npos) {
      if (unclosed) *unclosed = pos;
      return std::nullopt;
    }
    if (q > end) return std::nullopt;
    const std::size_t i = skip_blanks(t, q, end);
    if (i >= end || t[i] != ':') return std::nullopt;
    if (i + 1 < end && !blank(t[i + 1])) return std::nullopt;
    return KeyToken{decode_quoted(t.substr(pos, q - pos)), begin, q, i + 1, complex};
  }
  if (c == '*') complex = true;  // an alias as a key
  if (std::string_view("[]{}#|>%@`,").find(c) != std::string_view::npos) return std::nullopt;
  if ((c == '?' || c == '-' || c == ':') && (pos + 1 >= end || blank(t[pos + 1]))) return std::nullopt;
  for (std::size_t i = pos; i < end; ++i) {
    if (t[i] == '#' && i > pos && blank(t[i - 1])) return std::nullopt;
    if (t[i] == ':' && (i + 1 >= end || blank(t[i + 1]))) {
      std::size_t k_end = i;
      while (k_end > pos && blank(t[k_end - 1])) --k_end;
      return KeyToken{std::string(t.substr(pos, k_end - pos)), begin, k_end, i + 1, complex, c == '*'};
    }
  }
  return std::nullopt;
}

std::optional<std::string> line_scalar(std::string_view v) {
  std::size_t pos = skip_blanks(v, 0, v.size());
  if (pos >= v.size()) return std::string();
  const char first = v[pos];
  if (first == '"' || first == '\'') {
    const std::size_t q = quoted_scalar_end(v, pos);
    if (q == std::string_view::npos) return std::nullopt;
    const std::size_t after = skip_blanks(v, q, v.size());
    if (after < v.size() && v[after] != '#') return std::nullopt;
    return decode_quoted(v.substr(pos, q - pos));
  }
  if (first == '#') return std::string();  // only a comment: an empty (null) value
  if (std::string_view("&*!|>{[%@`").find(first) != std::string_view::npos) return std::nullopt;
  std::size_t comment = 0;
  return std::string(v.substr(pos, plain_scalar_end(v, pos, v.size(), comment) - pos));
}

std::string character_problem(std::string_view t, std::size_t i, std::size_t& len) {
  const auto c = static_cast<unsigned char>(t[i]);
  len = 1;
  if (c >= 0x80) {
    len = util::utf8_sequence_length(t, i);
    if (len != 0) return {};
    len = 1;
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", c);
    return std::string("the byte ") + hex +
           " is not UTF-8; YAML files are UTF-8 (Helm and kubectl refuse anything else): convert the file "
           "(iconv -t UTF-8)";
  }
  // A lone CR is a line break to YAML but text to yaml-cpp: neither reading is safe to edit.
  if (c == '\r')
    return i + 1 < t.size() && t[i + 1] == '\n' ? std::string()
                                                : "a carriage return without a line feed; end lines with \\n or \\r\\n";
  if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", c);
    return std::string("the control character ") + hex +
           " is not allowed in YAML; remove it (or write it as an escape in double quotes)";
  }
  return {};
}

}  // namespace kratix::yamledit
