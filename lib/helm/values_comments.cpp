#include "helm/values_comments.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <optional>
#include <vector>

#include "helm/values_file.hpp"

namespace kratix::helm {

namespace {

using yamledit::kNone;
using yamledit::Node;

constexpr size_t kMaxVisits = 1000000;  // keys walked, merge keys included

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool is_key_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '/' || c == '$';
}

// "key: ..." or "key:" at the start of s: the key, when there is one.
std::optional<std::string_view> key_of(std::string_view s) {
  size_t i = 0;
  if (!s.empty() && (s[0] == '"' || s[0] == '\'')) {
    size_t end = s.find(s[0], 1);
    if (end == std::string_view::npos) return std::nullopt;
    i = end + 1;
  } else {
    while (i < s.size() && is_key_char(s[i])) ++i;
    if (i == 0) return std::nullopt;
  }
  if (i >= s.size() || s[i] != ':') return std::nullopt;
  if (i + 1 < s.size() && s[i + 1] != ' ' && s[i + 1] != '\t') return std::nullopt;
  return s.substr(0, i);
}

// The text of a comment after its leading '#'s, and how many there were.
std::pair<int, std::string_view> comment_text(std::string_view comment) {
  std::string_view t = trim(comment);
  int hashes = 0;
  while (!t.empty() && t.front() == '#') {
    t.remove_prefix(1);
    ++hashes;
  }
  return {hashes, t};
}

bool looks_like_yaml(std::string_view text) {
  std::string_view t = trim(text);
  if (t.starts_with("- ") || t == "-") return true;
  auto k = key_of(t);
  // "key: value" with a simple key, or a bare "key:" opening a block.
  return k.has_value() && k->find(' ') == std::string_view::npos;
}

// "# ------", "# ====": no words in it.
bool is_ruler(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
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

// "# path.to.key -- text": the path, when the comment is one.
std::optional<std::string_view> path_doc(int hashes, std::string_view body) {
  std::string_view b = trim(body);
  size_t dashes = b.find(" -- ");
  if (hashes != 1 || dashes == std::string_view::npos || dashes == 0 || b.front() == '@' ||
      b.substr(0, dashes).find(' ') != std::string_view::npos)
    return std::nullopt;
  return b.substr(0, dashes);
}

class Reader {
 public:
  explicit Reader(const ValuesFile& f)
      : f_(f), lines_(f.lines().lines), covered_(lines_.size(), false), path_doc_line_(lines_.size(), false) {}

  ValuesDocs run() {
    // Lines inside multi-line scalars are text, whatever they look like.
    for (const Node& n : f_.tree().nodes) {
      if (n.kind != Node::Kind::Scalar || n.last_line <= n.first_line) continue;
      for (size_t li = n.first_line + 1; li <= n.last_line && li < covered_.size(); ++li) covered_[li] = true;
    }
    path_comments();
    walk(f_.root(), "");
    // helm-docs "# --" above a key wins, then what names the path, then plain
    // comments above the key, then one after its value.
    for (auto& [path, desc] : plain_) by_path_.emplace(path, desc);
    for (auto& [path, desc] : trailing_) by_path_.emplace(path, desc);
    for (auto& [path, desc] : helm_docs_) by_path_[path] = desc;
    docs_.descriptions = std::move(by_path_);
    return std::move(docs_);
  }

 private:
  std::string_view line_text(size_t li) const {
    return f_.text().substr(lines_[li].begin, lines_[li].end - lines_[li].begin);
  }
  bool is_comment(size_t li) const { return li < lines_.size() && lines_[li].comment && !covered_[li]; }

  // "# path -- text" (with its continuation lines) and "## @param path text", anywhere.
  void path_comments() {
    for (size_t li = 0; li < lines_.size(); ++li) {
      if (!is_comment(li)) continue;
      auto [hashes, body] = comment_text(line_text(li));
      std::string_view b = trim(body);
      if (hashes >= 2 && b.starts_with("@param ")) {
        std::string_view rest = trim(b.substr(7));
        size_t sp = rest.find(' ');
        if (sp != std::string_view::npos) append(by_path_[std::string(rest.substr(0, sp))], rest.substr(sp + 1));
        continue;
      }
      auto path = path_doc(hashes, body);
      if (!path) continue;
      std::string p(*path);
      std::string desc;
      append(desc, b.substr(path->size() + 4));
      size_t m = li + 1;
      for (; is_comment(m); ++m) {
        auto [h, cont] = comment_text(line_text(m));
        std::string_view c = trim(cont);
        if (h != 1 || c.starts_with("@") || c.find(" -- ") != std::string_view::npos || looks_like_yaml(cont)) break;
        append(desc, c);
      }
      take_type(desc, p, docs_.types);
      by_path_[p] = desc;
      for (size_t k = li; k < m; ++k) path_doc_line_[k] = true;
      li = m - 1;
    }
  }

  // The comment lines right above line li (no blank line between), in order.
  std::vector<std::string_view> block_above(size_t li) const {
    size_t first = li;
    while (first > 0 && is_comment(first - 1)) --first;
    std::vector<std::string_view> out;
    for (size_t k = first; k < li; ++k) {
      if (!path_doc_line_[k]) out.push_back(line_text(k));
    }
    return out;
  }

  void describe(const Node::Entry& e, const std::string& path) {
    std::vector<std::string_view> block = block_above(e.line);
    // helm-docs "# -- text": the last such line in the block, then its continuation.
    size_t start = block.size();
    for (size_t i = block.size(); i-- > 0;) {
      auto [h, body] = comment_text(block[i]);
      if (h == 1 && trim(body).starts_with("-- ")) {
        start = i;
        break;
      }
    }
    if (start < block.size()) {
      std::string desc;
      append(desc, trim(comment_text(block[start]).second).substr(3));
      take_type(desc, path, docs_.types);
      for (size_t i = start + 1; i < block.size(); ++i) {
        auto [h, body] = comment_text(block[i]);
        if (h != 1 || trim(body).starts_with("@")) break;
        append(desc, body);
      }
      if (!desc.empty()) helm_docs_.emplace(path, desc);
      return;
    }
    std::string desc;
    for (auto line : block) {
      auto [h, body] = comment_text(line);
      std::string_view b = trim(body);
      if (b.starts_with("@") || is_ruler(b) || looks_like_yaml(b)) continue;
      append(desc, b);
    }
    if (!desc.empty()) plain_.emplace(path, desc);
    // A comment after the value on the key's line ("key: value  # text"), or
    // after the key when the value starts below.
    size_t hash = e.comment;
    const Node& v = *e.value;
    if (hash == kNone && v.comment != kNone && v.first_line == e.line && !v.is_block_collection()) hash = v.comment;
    if (hash != kNone) {
      size_t li = f_.lines().line_at(hash);
      std::string_view c = f_.text().substr(hash, lines_[li].end - hash);
      auto [h, body] = comment_text(c);
      std::string_view b = trim(body);
      if (!b.empty() && !is_ruler(b) && !b.starts_with("@")) trailing_.emplace(path, std::string(b));
    }
  }

  void walk(const Node& n, const std::string& path) {
    if (++visits_ > kMaxVisits) return;
    if (n.kind == Node::Kind::Map) {
      for (const Member& m : f_.members(n)) {
        std::string p = path.empty() ? m.key : path + "." + m.key;
        describe(*m.entry, p);
        if (m.value->kind != Node::Kind::Alias) walk(*m.value, p);
      }
    } else if (n.kind == Node::Kind::Seq) {
      for (const auto& i : n.items) {
        if (i.value->kind != Node::Kind::Alias) walk(*i.value, path + "[]");
      }
    }
  }

  const ValuesFile& f_;
  const std::vector<yamledit::Line>& lines_;
  std::vector<bool> covered_;        // lines inside multi-line scalars
  std::vector<bool> path_doc_line_;  // lines of "# path -- text" descriptions
  size_t visits_ = 0;
  ValuesDocs docs_;
  std::map<std::string, std::string> by_path_;    // "# path -- text" and "## @param"
  std::map<std::string, std::string> helm_docs_;  // "# -- text" above the key
  std::map<std::string, std::string> plain_;      // plain comments above the key
  std::map<std::string, std::string> trailing_;   // "key: value  # text"
};

}  // namespace

ValuesDocs values_docs(const ValuesFile& values) { return Reader(values).run(); }

ValuesDocs values_docs(std::string_view values_yaml) {
  ValuesFile f{std::string(values_yaml), "values.yaml"};
  return values_docs(f);
}

std::map<std::string, std::string> values_comments(std::string_view values_yaml) {
  return values_docs(values_yaml).descriptions;
}

}  // namespace kratix::helm
