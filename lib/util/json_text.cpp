#include "util/json_text.hpp"

#include <vector>

#include "util/nesting.hpp"

namespace kratix::util {

namespace {

using nlohmann::json;

// Past the string literal that starts (with its quote) at pos.
std::size_t string_end(std::string_view text, std::size_t pos) {
  for (std::size_t i = pos + 1; i < text.size(); ++i) {
    if (text[i] == '\\')
      ++i;
    else if (text[i] == '"')
      return i + 1;
  }
  return text.size();
}

// The first place where brackets nest deeper than kMaxNesting, if any.
std::size_t too_deep_at(std::string_view text) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      i = string_end(text, i) - 1;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxNesting) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string_view::npos;
}

std::size_t skip_space(std::string_view text, std::size_t pos) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) ++pos;
  return pos;
}

// Past the value starting at pos (valid JSON assumed).
std::size_t value_end(std::string_view text, std::size_t pos) {
  int depth = 0;
  for (std::size_t i = pos; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      i = string_end(text, i) - 1;
      if (depth == 0) return i + 1;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      if (--depth <= 0) return depth < 0 ? i : i + 1;
    } else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      return i;
    }
  }
  return text.size();
}

// A JSON pointer's tokens, "~1" and "~0" unescaped.
std::vector<std::string> pointer_tokens(const std::string& pointer) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < pointer.size() && pointer[pos] == '/') {
    const std::size_t next = pointer.find('/', pos + 1);
    std::string token = pointer.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
    std::string plain;
    for (std::size_t i = 0; i < token.size(); ++i) {
      if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
        plain += token[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        plain += token[i];
      }
    }
    out.push_back(std::move(plain));
    if (next == std::string::npos) break;
    pos = next;
  }
  return out;
}

std::string escape_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

}  // namespace

SourceLocation location_at(std::string_view text, std::size_t pos, const std::string& file) {
  pos = std::min(pos, text.size());
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < pos; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {file, line, static_cast<int>(pos - line_start) + 1};
}

json parse_json_file(std::string_view text, const std::string& file, const std::string& fix) {
  if (const std::size_t deep = too_deep_at(text); deep != std::string_view::npos)
    throw nesting_error(location_at(text, deep, file));
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 2: why": keep the why.
    std::string why = e.what();
    if (auto colon = why.find(": ", why.find("parse error")); colon != std::string::npos) why.erase(0, colon + 2);
    const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
    throw Error(location_at(text, at, file), "not valid JSON: " + why + "; " + fix);
  } catch (const json::out_of_range& e) {
    // "[json.exception.out_of_range.406] number overflow parsing '1E400'": at that number.
    const std::string why = e.what();
    const auto open = why.find('\''), close = why.rfind('\'');
    const std::string number = open < close ? why.substr(open + 1, close - open - 1) : std::string();
    const std::size_t at = number.empty() ? std::string_view::npos : text.find(number);
    throw Error(location_at(text, at == std::string_view::npos ? 0 : at, file),
                "the number " + number.substr(0, 40) +
                    " is too large for JSON readers; write a smaller one, or a "
                    "string; " +
                    fix);
  }
}

std::string json_pointer_of(const json& root, const json* node) {
  struct Frame {
    const json* value;
    std::string pointer;
  };
  std::vector<Frame> todo{{&root, ""}};
  while (!todo.empty()) {
    Frame f = std::move(todo.back());
    todo.pop_back();
    if (f.value == node) return f.pointer;
    if (f.value->is_object()) {
      for (const auto& [key, child] : f.value->items()) todo.push_back({&child, f.pointer + "/" + escape_token(key)});
    } else if (f.value->is_array()) {
      for (std::size_t i = 0; i < f.value->size(); ++i)
        todo.push_back({&(*f.value)[i], f.pointer + "/" + std::to_string(i)});
    }
  }
  return "";
}

SourceLocation locate_json(std::string_view text, const std::string& pointer, const std::string& file) {
  std::size_t pos = skip_space(text, 0);
  for (const std::string& token : pointer_tokens(pointer)) {
    if (pos >= text.size()) return {file, 0, 0};
    if (text[pos] == '{') {
      pos = skip_space(text, pos + 1);
      bool found = false;
      while (pos < text.size() && text[pos] == '"') {
        const std::size_t key_end = string_end(text, pos);
        // Keys are compared as parsed (escapes decoded) through nlohmann.
        const json key = json::parse(text.substr(pos, key_end - pos), nullptr, false);
        pos = skip_space(text, key_end);
        if (pos < text.size() && text[pos] == ':') pos = skip_space(text, pos + 1);
        if (key.is_string() && key.get<std::string>() == token) {
          found = true;
          break;
        }
        pos = skip_space(text, value_end(text, pos));
        if (pos < text.size() && text[pos] == ',') pos = skip_space(text, pos + 1);
      }
      if (!found) return {file, 0, 0};
    } else if (text[pos] == '[') {
      const bool digits = !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
      if (!digits || token.size() > 9) return {file, 0, 0};
      pos = skip_space(text, pos + 1);
      for (std::size_t i = std::stoul(token); i > 0; --i) {
        pos = skip_space(text, value_end(text, pos));
        if (pos >= text.size() || text[pos] != ',') return {file, 0, 0};
        pos = skip_space(text, pos + 1);
      }
    } else {
      return {file, 0, 0};
    }
  }
  return location_at(text, pos, file);
}

}  // namespace kratix::util
