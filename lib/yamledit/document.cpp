#include "yamledit/document.hpp"

#include <algorithm>

#include "yamledit/document_step.hpp"
#include "yamledit/scalar.hpp"
#include "yamledit/scanner.hpp"
#include "yamledit/to_yaml.hpp"

namespace kratix::yamledit {

using Kind = Node::Kind;

std::string to_string(const Path& path) {
  std::string out;
  for (const auto& e : path) {
    if (const auto* key = std::get_if<std::string>(&e)) {
      out += (out.empty() ? "" : ".") + *key;
    } else {
      out += "[" + std::to_string(std::get<size_t>(e)) + "]";
    }
  }
  return out.empty() ? "(the document)" : out;
}

namespace {

// Text over this size is not checked a second time by yaml-cpp (which takes
// ~50 ms per MB); the scanner's own checks still apply.
constexpr size_t kFullValidationLimit = size_t{512} * 1024;

// Enough votes to know a file's style; files are consistent, so a sample will do.
constexpr int kStyleVotes = 512;

void style_votes(const Node& n, int (&steps)[17], int& indented, int& flush) {
  int votes = indented + flush;
  for (int v : steps) votes += v;
  if (votes >= kStyleVotes) return;
  if (n.kind == Kind::Map) {
    for (const auto& e : n.entries) {
      const Node& v = *e.value;
      if (n.is_block_collection() && v.is_block_collection() && v.first_line > e.line) {
        int step = v.indent - n.indent;
        if (v.kind == Kind::Map && step > 0 && step <= 16) ++steps[step];
        if (v.kind == Kind::Seq) (v.indent > n.indent ? indented : flush)++;
      }
      style_votes(v, steps, indented, flush);
    }
  } else if (n.kind == Kind::Seq) {
    for (const auto& i : n.items) style_votes(*i.value, steps, indented, flush);
  }
}

bool has_anchor_inside(const Node& n) {
  if (n.anchored || n.kind == Kind::Alias) return true;
  for (const auto& e : n.entries) {
    if (e.complex || has_anchor_inside(*e.value)) return true;
  }
  for (const auto& i : n.items) {
    if (i.complex || has_anchor_inside(*i.value)) return true;
  }
  return false;
}

// "&name" or "*name" at pos.
std::string_view name_at(std::string_view text, size_t pos) {
  size_t e = pos + 1;
  while (e < text.size() && std::string_view(" \t\r\n,[]{}").find(text[e]) == std::string_view::npos) ++e;
  return text.substr(pos, e - pos);
}

// How many children a collection has.
size_t children(const Node& n) { return n.kind == Kind::Map ? n.entries.size() : n.items.size(); }

}  // namespace

Document Document::parse(std::string text, std::string filename, size_t line_offset) {
  Document d;
  d.text_ = std::move(text);
  d.file_ = std::move(filename);
  d.offset_ = line_offset;
  d.rescan();
  d.detect_style();
  if (d.text_.size() <= kFullValidationLimit) {
    try {
      YAML::Load(d.text_);
    } catch (const YAML::ParserException& e) {
      throw Error(SourceLocation{d.file_, static_cast<int>(e.mark.line + 1 + line_offset), e.mark.column + 1},
                  "invalid YAML: " + e.msg + "; fix the file and run the command again");
    }
  }
  return d;
}

void Document::rescan() const {
  lines_ = LineTable::of(text_);
  scan(text_, lines_, file_, *tree_, offset_);
  stale_ = false;
}

bool Document::empty() const {
  fresh();
  return tree_->root->kind == Kind::Null && tree_->root->tag == kNone;
}

// The file's indentation step and sequence style, by majority; our own edits
// follow it, so it is read once, from the file as it came.
void Document::detect_style() {
  int steps[17] = {};
  int indented = 0, flush = 0;
  style_votes(*tree_->root, steps, indented, flush);
  style_ = Style{};
  int best = 0;
  for (int step = 1; step <= 16; ++step) {
    if (steps[step] > best) {
      best = steps[step];
      style_.step = step;
    }
  }
  style_.indent_sequences = indented >= flush;
}

std::string Document::eolify(std::string text) const {
  if (!lines_.crlf) return text;
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

void Document::splice(size_t begin, size_t end, const std::string& with) {
  std::string replacement = eolify(with);
  if (text_.compare(begin, end - begin, replacement) == 0) return;
  text_.replace(begin, end - begin, replacement);
  edited_ = true;
  stale_ = true;
}

SourceLocation Document::where(size_t pos) const {
  if (lines_.lines.empty()) return {file_, static_cast<int>(1 + offset_), 1};
  size_t li = lines_.line_at(pos);
  int col = static_cast<int>(pos - lines_.lines[li].begin);
  return {file_, static_cast<int>(li + 1 + offset_), col + 1};
}

void Document::fail(size_t pos, const std::string& what) const { throw Error(where(pos), what); }

std::vector<Document::Step> Document::walk(const Path& path, size_t& matched) const {
  fresh();
  std::vector<Step> steps;
  Step s;
  s.node = tree_->root;
  steps.push_back(s);
  matched = 0;
  for (const auto& element : path) {
    const Node* cur = steps.back().node;
    Step next;
    next.root = false;
    next.parent = cur;
    next.in_flow = cur->is_flow();
    next.owner_indent = cur->indent;
    if (const auto* key = std::get_if<std::string>(&element)) {
      if (cur->kind != Kind::Map) break;
      auto it = std::find_if(cur->entries.begin(), cur->entries.end(), [&](const auto& e) { return e.key == *key; });
      if (it == cur->entries.end()) break;
      next.node = it->value;
      next.index = static_cast<size_t>(it - cur->entries.begin());
      next.value_start = it->colon_end;
      next.entry = &*it;
    } else {
      size_t i = std::get<size_t>(element);
      if (cur->kind != Kind::Seq || i >= cur->items.size()) break;
      next.node = cur->items[i].value;
      next.index = i;
      next.value_start = cur->items[i].content;
      next.in_item = true;
      next.item = &cur->items[i];
    }
    steps.push_back(next);
    ++matched;
  }
  return steps;
}

const Node* Document::find(const Path& path) const {
  size_t matched = 0;
  auto steps = walk(path, matched);
  return matched == path.size() ? steps.back().node : nullptr;
}

SourceLocation Document::location(const Path& path) const {
  size_t matched = 0;
  auto steps = walk(path, matched);
  const Step& s = steps.back();
  bool nothing = s.node->kind == Kind::Null;  // point at the key of "key:" with nothing after it
  return where(nothing && s.entry ? s.entry->key_begin : s.node->start());
}

YAML::Node Document::value(const Path& path) const {
  const Node* n = find(path);
  if (!n) throw Error(SourceLocation{file_, 0, 0}, to_string(path) + " is not in the file");
  return ToYaml{text_, *tree_, [this](size_t pos) { return where(pos); }}(*n);
}

std::optional<std::string> Document::scalar(const Path& path) const {
  const Node* n = find(path);
  if (!n || n->kind != Kind::Scalar || is_nothing(*n, text_)) return std::nullopt;
  return scalar_value(text_, *n);
}

void Document::refuse(const std::vector<Step>& steps, bool whole_target, const Path& path) const {
  for (size_t i = 0; i < steps.size(); ++i) {
    const Step& s = steps[i];
    const Node& n = *s.node;
    bool target = (i + 1 == steps.size());
    if ((s.entry && s.entry->complex) || (s.item && s.item->complex))
      fail(s.entry ? s.entry->key_begin : s.item->dash,
           to_string(path) + " goes through an explicit ('? ') or non-string key, which kratix will not rewrite; " +
               "edit it by hand");
    if (n.kind == Kind::Alias)
      fail(n.begin, to_string(path) + " goes through the YAML alias " + std::string(name_at(text_, n.begin)) +
                        ", which kratix will not rewrite (it would change the anchored value too); edit it by hand");
    if (n.anchored)
      fail(n.anchor, to_string(path) + " is in the YAML anchor " + std::string(name_at(text_, n.anchor)) +
                         ", which kratix will not rewrite (aliases elsewhere repeat it); edit it by hand");
    if (target && whole_target && has_anchor_inside(n))
      fail(n.start(),
           to_string(path) + " holds YAML anchors or aliases, which kratix will not rewrite; edit it by hand");
  }
}

bool Document::set(const Path& path, const YAML::Node& value) {
  size_t matched = 0;
  auto steps = walk(path, matched);
  if (matched == path.size()) {
    refuse(steps, true, path);
    if (same_value(this->value(path), value)) return false;
    write_value(steps.back(), value);
    return true;
  }
  refuse(steps, false, path);
  const Step& at = steps.back();
  const Node& n = *at.node;
  Path done(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(matched));
  const auto* key = std::get_if<std::string>(&path[matched]);
  if (!key) {
    fail(n.start(), "there is no item [" + std::to_string(std::get<size_t>(path[matched])) + "] in " + to_string(done) +
                        "; it has " + std::to_string(n.items.size()) + " items");
  }
  // The missing part, nested: {k1: {k2: value}}.
  YAML::Node nested = value;
  for (size_t i = path.size(); i-- > matched + 1;) {
    const auto* k = std::get_if<std::string>(&path[i]);
    if (!k) fail(n.start(), to_string(path) + " goes through a list that does not exist; create it first");
    YAML::Node wrapped(YAML::NodeType::Map);
    wrapped[*k] = nested;
    nested.reset(wrapped);
  }
  if (n.kind == Kind::Map && !(n.is_empty_flow() && !at.in_flow)) {
    insert_entry(at, *key, nested);
    return true;
  }
  if (is_nothing(n, text_) || n.is_empty_flow()) {
    YAML::Node map(YAML::NodeType::Map);
    map[*key] = nested;
    write_value(at, map);
    return true;
  }
  fail(n.start(), to_string(done) + " is not a mapping, so " + to_string(path) +
                      " cannot be set; change it to a mapping first or choose another path");
}

void Document::append(const Path& path, const YAML::Node& item) {
  size_t matched = 0;
  auto steps = walk(path, matched);
  if (matched != path.size()) {
    YAML::Node list(YAML::NodeType::Sequence);
    list.push_back(item);
    set(path, list);
    return;
  }
  refuse(steps, false, path);
  const Node& n = *steps.back().node;
  if (n.kind == Kind::Seq && !(n.is_empty_flow() && !steps.back().in_flow)) {
    append_item(steps.back(), item);  // an empty [] outside flow becomes a block sequence below
    return;
  }
  if (is_nothing(n, text_) || n.is_empty_flow()) {
    YAML::Node list(YAML::NodeType::Sequence);
    list.push_back(item);
    write_value(steps.back(), list);
    return;
  }
  fail(n.start(), to_string(path) + " is not a list; make it a list (or remove it) first");
}

bool Document::remove(const Path& path, std::optional<size_t> keep) {
  if (path.empty()) throw Error("internal: cannot remove the whole document");
  size_t matched = 0;
  auto steps = walk(path, matched);
  if (matched != path.size()) {
    if (steps.back().node->kind == Kind::Alias) refuse(steps, false, path);  // through an alias: refuse
    return false;
  }
  refuse(steps, true, path);
  // The highest ancestor that this removal would leave empty, within `keep`.
  size_t target = steps.size() - 1;
  size_t floor = keep ? std::min(*keep, path.size() - 1) + 1 : path.size();
  while (target > floor && children(*steps[target - 1].node) == 1) --target;
  const Step& goes = steps[target];
  if (target < steps.size() - 1 && !goes.in_flow && goes.entry && goes.entry->comment != kNone) {
    clear_value(goes);  // "key: # note" stays, without the value the edit had added
    return true;
  }
  remove_child(steps[target - 1], goes);
  return true;
}

}  // namespace kratix::yamledit
