#include "helm/values_comments.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <optional>
#include <vector>

namespace kratix::helm {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

size_t indent_of(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

bool is_key_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '/' || c == '$';
}

// "key: ..." or "key:" at the start of s (after indentation and any "- ");
// returns the key and where its value starts.
std::optional<std::pair<std::string, std::string_view>> key_of(std::string_view s) {
  std::string key;
  size_t i = 0;
  if (!s.empty() && (s[0] == '"' || s[0] == '\'')) {
    size_t end = s.find(s[0], 1);
    if (end == std::string_view::npos) return std::nullopt;
    key = std::string(s.substr(1, end - 1));
    i = end + 1;
  } else {
    while (i < s.size() && is_key_char(s[i])) ++i;
    if (i == 0) return std::nullopt;
    key = std::string(s.substr(0, i));
  }
  if (i >= s.size() || s[i] != ':') return std::nullopt;
  if (i + 1 < s.size() && s[i + 1] != ' ' && s[i + 1] != '\t') return std::nullopt;
  return std::make_pair(key, trim(s.substr(i + 1)));
}

// The text of a comment line after its leading '#'s, and how many there were.
std::pair<int, std::string_view> comment_text(std::string_view line) {
  std::string_view t = trim(line);
  int hashes = 0;
  while (!t.empty() && t.front() == '#') {
    t.remove_prefix(1);
    ++hashes;
  }
  return {hashes, t};
}

bool looks_like_yaml(std::string_view text) {
  std::string_view t = text;
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  if (t.starts_with("- ") || t == "-") return true;
  auto k = key_of(t);
  // "key: value" with a simple key, or a bare "key:" opening a block.
  return k.has_value() && k->first.find(' ') == std::string::npos;
}

void append(std::string& to, std::string_view text) {
  text = trim(text);
  if (text.empty()) return;
  if (!to.empty()) to += ' ';
  to += text;
}

// helm-docs: "(type) text" at the start of a "# --" description. Only the
// types helm-docs charts use are taken; "(optional) ..." stays text.
void take_type(std::string& desc, const std::string& path, std::map<std::string, std::string>& types) {
  if (desc.size() < 3 || desc.front() != '(') return;
  const auto close = desc.find(')');
  if (close == std::string::npos) return;
  std::string type = desc.substr(1, close - 1);
  std::string base = type;
  for (auto& ch : base) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (base.rfind("tpl/", 0) == 0) base.erase(0, 4);
  if (base.rfind("list/", 0) == 0) base = "list";
  static const char* const known[] = {"string",  "int",  "integer", "float",  "number", "bool",
                                      "boolean", "list", "array",   "object", "dict",   "map"};
  if (std::find(std::begin(known), std::end(known), base) == std::end(known)) return;
  types[path] = type;
  desc = std::string(trim(std::string_view(desc).substr(close + 1)));
}

struct Frame {
  size_t indent;
  std::string path;
};

}  // namespace

std::map<std::string, std::string> values_comments(std::string_view values_yaml) {
  return values_docs(values_yaml).descriptions;
}

ValuesDocs values_docs(std::string_view text) {
  ValuesDocs docs;
  std::vector<std::string_view> lines;
  for (size_t pos = 0; pos <= text.size();) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    pos = eol + 1;
  }

  std::map<std::string, std::string> by_path;      // "# path -- text" and "## @param"
  std::map<std::string, std::string> by_position;  // "# -- text" and plain comments
  std::vector<Frame> stack;
  std::vector<std::string_view> pending;  // comment lines right above the current line
  std::optional<size_t> block_scalar_indent;

  for (size_t n = 0; n < lines.size(); ++n) {
    std::string_view line = lines[n];
    std::string_view t = trim(line);
    size_t ind = indent_of(line);
    if (block_scalar_indent) {
      if (t.empty() || ind > *block_scalar_indent) continue;
      block_scalar_indent.reset();
    }
    if (t.empty()) {
      pending.clear();
      continue;
    }
    if (t.front() == '#') {
      auto [hashes, body] = comment_text(t);
      std::string_view b = trim(body);
      // "# path.to.key -- text" anywhere, with continuation lines.
      size_t dashes = b.find(" -- ");
      bool old_style = hashes == 1 && dashes != std::string_view::npos && dashes > 0 && b.front() != '@' &&
                       b.substr(0, dashes).find(' ') == std::string_view::npos;
      if (hashes == 2 && b.starts_with("@param ")) {
        std::string_view rest = trim(b.substr(7));
        size_t sp = rest.find(' ');
        if (sp != std::string_view::npos) append(by_path[std::string(rest.substr(0, sp))], rest.substr(sp + 1));
        pending.clear();
        continue;
      }
      if (old_style) {
        std::string path(b.substr(0, dashes));
        std::string desc;
        append(desc, b.substr(dashes + 4));
        size_t m = n + 1;
        for (; m < lines.size(); ++m) {
          auto [h, cont] = comment_text(lines[m]);
          std::string_view c = trim(cont);
          if (trim(lines[m]).empty() || h != 1 || c.starts_with("@") || c.find(" -- ") != std::string_view::npos ||
              looks_like_yaml(cont))
            break;
          append(desc, c);
        }
        take_type(desc, path, docs.types);
        by_path[path] = desc;
        n = m - 1;
        pending.clear();
        continue;
      }
      pending.push_back(t);
      continue;
    }

    // A content line: find the key it holds, if any.
    std::string_view content = t;
    size_t key_indent = ind;
    bool list_item = false;
    while (content.starts_with("- ") || content == "-") {
      list_item = true;
      content = trim(content.substr(1));
      key_indent = static_cast<size_t>(content.data() - line.data());
    }
    while (!stack.empty() && stack.back().indent >= (list_item ? ind + 1 : key_indent)) {
      if (list_item && stack.back().indent == ind + 1) break;
      stack.pop_back();
    }
    std::string parent = stack.empty() ? "" : stack.back().path;
    if (list_item) {
      parent += "[]";
      stack.push_back({ind + 1, parent});
    }
    auto key = key_of(content);
    if (!key) {
      pending.clear();
      continue;
    }
    std::string path = parent.empty() ? key->first : parent + "." + key->first;
    // helm-docs "# -- text": the last such line in the block above, then its continuation.
    std::string desc;
    size_t start = pending.size();
    for (size_t i = pending.size(); i-- > 0;) {
      if (trim(comment_text(pending[i]).second).starts_with("-- ")) {
        start = i;
        break;
      }
    }
    if (start < pending.size()) {
      append(desc, trim(comment_text(pending[start]).second).substr(3));
      take_type(desc, path, docs.types);
      for (size_t i = start + 1; i < pending.size(); ++i) {
        auto [h, body] = comment_text(pending[i]);
        if (h != 1 || trim(body).starts_with("@")) break;
        append(desc, body);
      }
    } else {
      for (auto p : pending) {
        auto [h, body] = comment_text(p);
        if (h != 1 || trim(body).starts_with("@") || looks_like_yaml(body)) continue;
        append(desc, body);
      }
    }
    if (!desc.empty()) by_position[path] = desc;
    pending.clear();
    std::string_view value = key->second;
    if (value.starts_with("|") || value.starts_with(">")) block_scalar_indent = key_indent;
    stack.push_back({key_indent, path});
  }
  // Positional (helm-docs "# --") wins over path-keyed text, as helm-docs does.
  for (auto& [path, desc] : by_position) by_path[path] = desc;
  docs.descriptions = std::move(by_path);
  return docs;
}

}  // namespace kratix::helm
