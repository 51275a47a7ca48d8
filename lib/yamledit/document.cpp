#include "yamledit/document.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

#include "yamledit/scanner.hpp"

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

struct Document::Step {
  const Node* node = nullptr;
  const Node* parent = nullptr;
  size_t index = 0;
  size_t value_start = 0;  // just past the ':' or '-' that holds the value
  int owner_indent = -1;   // the key's or dash's column; -1 for the root
  bool in_item = false;
  bool root = true;
};

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
      int step = v.indent - n.indent;
      if (v.kind == Kind::Map && v.first_line > e.line && step > 0 && step <= 16) ++steps[step];
      if (v.kind == Kind::Seq && v.first_line > e.line) (v.indent > n.indent ? indented : flush)++;
      style_votes(v, steps, indented, flush);
    }
  } else if (n.kind == Kind::Seq) {
    for (const auto& i : n.items) style_votes(*i.value, steps, indented, flush);
  }
}

bool has_anchor_inside(const Node& n) {
  if (n.anchored || n.kind == Kind::Alias) return true;
  for (const auto& e : n.entries) {
    if (has_anchor_inside(*e.value)) return true;
  }
  for (const auto& i : n.items) {
    if (has_anchor_inside(*i.value)) return true;
  }
  return false;
}

std::string without_final_newline(std::string s) {
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

// A block scalar (| or >) that ends a file without a final newline has no
// final line break in its value; a line added after it would give it one
// (clip or keep chomping). The edit of its header to strip chomping ("|-")
// that keeps its value, if the subtree n ends with one on `line`.
struct HeaderEdit {
  size_t begin = 0, end = 0;
  std::string with;
};
std::optional<HeaderEdit> keep_final_block_scalar(std::string_view text, const Node* n, size_t line) {
  while (n != nullptr && n->kind != Kind::BlockScalar) {
    if (n->kind == Kind::Map && !n->entries.empty())
      n = n->entries.back().value;
    else if (n->kind == Kind::Seq && !n->items.empty())
      n = n->items.back().value;
    else
      return std::nullopt;
  }
  if (n == nullptr || n->last_line != line) return std::nullopt;
  size_t end = n->begin + 1;  // past '|' or '>', then the indicators
  while (end < text.size() &&
         (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '+' || text[end] == '-'))
    ++end;
  std::string header(text.substr(n->begin, end - n->begin));
  if (header.find('-') != std::string::npos) return std::nullopt;
  if (auto plus = header.find('+'); plus != std::string::npos) header.erase(plus, 1);
  return HeaderEdit{n->begin, end, header + "-"};
}

// New text for the very end of a file that has no final newline: without
// one too, unless the value's last line break is its own (a literal block).
std::string at_end_of_file(const std::string& block, const YAML::Node& value) {
  return ends_in_line_break(value) ? block : without_final_newline(block);
}

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
  root_ = scan(text_, lines_, file_, arena_, offset_);
  stale_ = false;
}

// The file's indentation step and sequence style, by majority; our own edits
// follow it, so it is read once, from the file as it came.
void Document::detect_style() {
  int steps[17] = {};
  int indented = 0, flush = 0;
  style_votes(*root_, steps, indented, flush);
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

void Document::fail(const Node& at, const std::string& what) const {
  size_t li = lines_.line_at(at.begin);
  int col = lines_.lines.empty() ? 0 : static_cast<int>(at.begin - lines_.lines[li].begin);
  throw Error(SourceLocation{file_, static_cast<int>(li + 1 + offset_), col + 1}, what);
}

std::vector<Document::Step> Document::walk(const Path& path, size_t& matched) const {
  fresh();
  std::vector<Step> steps;
  Step s;
  s.node = root_;
  steps.push_back(s);
  matched = 0;
  for (const auto& element : path) {
    const Node* cur = steps.back().node;
    Step next;
    next.root = false;
    next.parent = cur;
    if (const auto* key = std::get_if<std::string>(&element)) {
      if (cur->kind != Kind::Map) break;
      auto it = std::find_if(cur->entries.begin(), cur->entries.end(), [&](const auto& e) { return e.key == *key; });
      if (it == cur->entries.end()) break;
      next.node = it->value;
      next.index = static_cast<size_t>(it - cur->entries.begin());
      next.value_start = it->colon_end;
      next.owner_indent = cur->indent;
    } else {
      size_t i = std::get<size_t>(element);
      if (cur->kind != Kind::Seq || i >= cur->items.size()) break;
      next.node = cur->items[i].value;
      next.index = i;
      next.value_start = cur->items[i].content;
      next.owner_indent = cur->indent;
      next.in_item = true;
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
  fresh();
  size_t matched = 0;
  auto steps = walk(path, matched);
  const Node& n = *steps.back().node;
  if (lines_.lines.empty()) return {file_, 1, 1};
  size_t li = lines_.line_at(n.begin);
  return {file_, static_cast<int>(li + 1 + offset_), static_cast<int>(n.begin - lines_.lines[li].begin) + 1};
}

YAML::Node Document::value(const Path& path) const {
  const Node* n = find(path);
  if (!n) throw Error(SourceLocation{file_, 0, 0}, to_string(path) + " is not in the file");
  std::string sub;
  size_t first = n->first_line;
  switch (n->kind) {
    case Kind::Null: return YAML::Node(YAML::NodeType::Null);
    case Kind::Alias: fail(*n, to_string(path) + " is a YAML alias, which kratix does not follow; write the value out");
    case Kind::Map:
    case Kind::Seq: {
      size_t b = lines_.lines[first].begin;
      sub = text_.substr(b, lines_.lines[n->last_line].end - b);
      std::fill(sub.begin(), sub.begin() + static_cast<std::ptrdiff_t>(n->begin - b), ' ');
      break;
    }
    case Kind::BlockScalar: {
      // Through the line breaks and blank lines that follow: they are part of it.
      size_t end = lines_.lines[n->last_line].next;
      for (size_t m = n->last_line + 1; m < lines_.lines.size() && lines_.lines[m].blank; ++m)
        end = lines_.lines[m].next;
      sub = text_.substr(n->begin, end - n->begin);
      break;
    }
    default: sub = text_.substr(n->begin, n->end - n->begin);
  }
  try {
    return YAML::Load(sub);
  } catch (const YAML::Exception& e) {
    throw Error(
        SourceLocation{file_, static_cast<int>(first + 1 + offset_ + static_cast<size_t>(std::max(0, e.mark.line))),
                       e.mark.column + 1},
        "invalid YAML in " + to_string(path) + ": " + e.msg +
            (e.msg.find("alias") != std::string::npos || e.msg.find("anchor") != std::string::npos
                 ? "; kratix does not follow anchors across values, write the value out"
                 : "; fix the file"));
  }
}

std::optional<std::string> Document::scalar(const Path& path) const {
  const Node* n = find(path);
  if (!n || n->kind != Kind::Scalar) return std::nullopt;
  std::string_view t(text_.data() + n->begin, n->end - n->begin);
  if (n->first_line == n->last_line && !t.empty()) {
    if (t.front() == '\'' && t.size() >= 2) {
      std::string out;
      for (size_t i = 1; i + 1 < t.size(); ++i) {
        out += t[i];
        if (t[i] == '\'' && t[i + 1] == '\'') ++i;
      }
      return out;
    }
    if (t.front() == '"' && t.size() >= 2 && t.find('\\') == std::string_view::npos)
      return std::string(t.substr(1, t.size() - 2));
    if (t.front() != '"') return std::string(t);
  }
  YAML::Node v = value(path);
  return v.IsScalar() ? std::optional<std::string>(v.Scalar()) : std::nullopt;
}

void Document::refuse_anchors(const std::vector<Step>& steps, bool whole_target, const Path& path) const {
  for (size_t i = 0; i < steps.size(); ++i) {
    const Node& n = *steps[i].node;
    bool target = (i + 1 == steps.size());
    if (n.anchored || n.kind == Kind::Alias || (target && whole_target && has_anchor_inside(n)))
      fail(n, to_string(path) + " uses YAML anchors or aliases, which kratix will not rewrite; edit it by hand");
  }
}

void Document::replace_value(const Step& at, const YAML::Node& value) {
  const Node& n = *at.node;
  int child_indent = 0;
  if (!at.root) {
    if (at.in_item)
      child_indent = at.owner_indent + 2;
    else
      child_indent = at.owner_indent + ((value.IsSequence() && !style_.indent_sequences) ? 0 : style_.step);
  }
  std::string block = emit_yaml(value, style_, child_indent);
  bool one_line = emits_inline(value);
  if (at.root) {
    splice(0, text_.size(), lines_.final_newline ? block : at_end_of_file(block, value));
    return;
  }
  size_t end_of_old = lines_.lines[n.last_line].end;
  if (one_line) {
    std::string inline_text = without_final_newline(block.substr(static_cast<size_t>(child_indent)));
    bool inline_old =
        n.first_line == n.last_line && n.kind != Kind::Map && n.kind != Kind::Seq && n.kind != Kind::BlockScalar;
    if (inline_old && n.kind == Kind::Null)
      splice(n.begin, n.end, " " + inline_text);
    else if (inline_old)
      splice(n.begin, n.end, inline_text);
    else
      splice(at.value_start, end_of_old, " " + inline_text);
    return;
  }
  const Line& last = lines_.lines[n.last_line];
  const bool eof = last.next == last.end;  // the old value ends the file, with no newline after it
  std::string text = eof ? at_end_of_file(block, value) : without_final_newline(block);
  if (at.in_item)
    splice(at.value_start, end_of_old, " " + text.substr(static_cast<size_t>(child_indent)));
  else
    splice(at.value_start, end_of_old, "\n" + text);
}

bool Document::set(const Path& path, const YAML::Node& value) {
  size_t matched = 0;
  auto steps = walk(path, matched);
  if (matched == path.size()) {
    refuse_anchors(steps, true, path);
    if (emit_yaml(this->value(path)) == emit_yaml(value)) return false;
    replace_value(steps.back(), value);
    return true;
  }
  refuse_anchors(steps, false, path);
  const Step& at = steps.back();
  Path done(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(matched));
  if (at.node->kind == Kind::Flow) {
    // Inside a flow collection: edit its value and write it again.
    YAML::Node v = this->value(done);
    YAML::Node target = v;
    for (size_t i = matched; i + 1 < path.size(); ++i) {
      YAML::Node next = std::holds_alternative<std::string>(path[i]) ? target[std::get<std::string>(path[i])]
                                                                     : target[std::get<size_t>(path[i])];
      target.reset(next);
    }
    if (std::holds_alternative<std::string>(path.back()))
      target[std::get<std::string>(path.back())] = value;
    else
      target[std::get<size_t>(path.back())] = value;
    replace_value(at, v);
    return true;
  }
  const auto* key = std::get_if<std::string>(&path[matched]);
  if (!key) {
    fail(*at.node, "there is no item [" + std::to_string(std::get<size_t>(path[matched])) + "] in " + to_string(done) +
                       "; it has " + std::to_string(at.node->items.size()) + " items");
  }
  // The missing part, nested: {k1: {k2: value}}.
  YAML::Node nested = value;
  for (size_t i = path.size(); i-- > matched + 1;) {
    const auto* k = std::get_if<std::string>(&path[i]);
    if (!k) fail(*at.node, to_string(path) + " goes through a list that does not exist; create it first");
    YAML::Node wrapped(YAML::NodeType::Map);
    wrapped[*k] = nested;
    nested.reset(wrapped);
  }
  const Node& n = *at.node;
  if (n.kind == Kind::Map) {
    YAML::Node entry(YAML::NodeType::Map);
    entry[*key] = nested;
    const auto& last = n.entries.back();
    size_t after = std::max(last.line, last.value->last_line);
    std::string block = emit_yaml(entry, style_, n.indent);
    const Line& l = lines_.lines[after];
    if (l.next == l.end) {
      const auto header = keep_final_block_scalar(text_, last.value, after);
      splice(l.end, l.end, "\n" + at_end_of_file(block, entry));
      if (header) splice(header->begin, header->end, header->with);  // before the insertion: still in place
    } else {
      splice(l.next, l.next, block);
    }
    return true;
  }
  if (n.kind == Kind::Null || (n.kind == Kind::Flow && (n.flow_map || n.flow_empty))) {
    if (n.anchored) fail(n, to_string(done) + " uses YAML anchors, which kratix will not rewrite; edit it by hand");
    YAML::Node merged = n.kind == Kind::Null ? YAML::Node(YAML::NodeType::Map) : this->value(done);
    if (!merged.IsMap()) merged = YAML::Node(YAML::NodeType::Map);
    merged[*key] = nested;
    replace_value(at, merged);
    return true;
  }
  fail(n, to_string(done) + " is not a mapping, so " + to_string(path) +
              " cannot be set; change it to a mapping first or choose another path");
}

bool Document::remove(const Path& path) {
  size_t matched = 0;
  auto steps = walk(path, matched);
  if (path.empty()) throw Error("internal: cannot remove the whole document");
  if (matched != path.size()) {
    if (steps.back().node->kind == Kind::Alias) refuse_anchors(steps, false, path);  // through an alias: refuse
    if (steps.back().node->kind != Kind::Flow) return false;
    // Inside a flow collection: remove from its value and write it again.
    refuse_anchors(steps, true, path);
    Path done(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(matched));
    YAML::Node v = value(done);
    YAML::Node parent = v;
    for (size_t i = matched; i + 1 < path.size(); ++i) {
      YAML::Node next = std::holds_alternative<std::string>(path[i]) ? parent[std::get<std::string>(path[i])]
                                                                     : parent[std::get<size_t>(path[i])];
      if (!next) return false;
      parent.reset(next);
    }
    bool removed = std::holds_alternative<std::string>(path.back()) ? parent.remove(std::get<std::string>(path.back()))
                                                                    : parent.remove(std::get<size_t>(path.back()));
    if (removed) replace_value(steps.back(), v);
    return removed;
  }
  refuse_anchors(steps, true, path);
  const Step& target = steps.back();
  const Node& parent = *target.parent;
  const Step& parent_step = steps[steps.size() - 2];
  if (parent.kind == Kind::Flow) {
    YAML::Node v = value(Path(path.begin(), path.end() - 1));
    YAML::Node out(v.IsMap() ? YAML::NodeType::Map : YAML::NodeType::Sequence);
    out.SetStyle(YAML::EmitterStyle::Flow);
    size_t i = 0;
    for (const auto& child : v) {
      if (v.IsMap()) {
        if (child.first.as<std::string>() != std::get<std::string>(path.back())) out[child.first] = child.second;
      } else if (i != target.index) {
        out.push_back(child);
      }
      ++i;
    }
    replace_value(parent_step, out);
    return true;
  }
  bool is_map = parent.kind == Kind::Map;
  size_t count = is_map ? parent.entries.size() : parent.items.size();
  if (count == 1) {
    replace_value(parent_step, YAML::Node(is_map ? YAML::NodeType::Map : YAML::NodeType::Sequence));
    return true;
  }
  size_t line = is_map ? parent.entries[target.index].line : parent.items[target.index].line;
  size_t last = std::max(line, target.node->last_line);
  if (is_map && target.index == 0 &&
      parent.entries[0].key_begin != lines_.lines[line].begin + static_cast<size_t>(lines_.lines[line].indent)) {
    // "- first: 1\n  second: 2": the second key moves up onto the dash line.
    splice(parent.entries[0].key_begin, parent.entries[1].key_begin, "");
    return true;
  }
  if (!is_map && target.index == 0 &&
      parent.items[0].dash != lines_.lines[line].begin + static_cast<size_t>(lines_.lines[line].indent)) {
    // "- - x\n  - y": the second item moves up onto the outer dash line.
    splice(parent.items[0].dash, parent.items[1].dash, "");
    return true;
  }
  size_t first = line;
  while (first > 0 && lines_.lines[first - 1].comment && lines_.lines[first - 1].indent >= parent.indent) --first;
  const Line& end_line = lines_.lines[last];
  if (end_line.next == end_line.end && first > 0)
    splice(lines_.lines[first - 1].end, end_line.end, "");
  else
    splice(lines_.lines[first].begin, end_line.next, "");
  return true;
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
  refuse_anchors(steps, false, path);
  const Node& n = *steps.back().node;
  if (n.kind == Kind::Seq) {
    YAML::Node list(YAML::NodeType::Sequence);
    list.push_back(item);
    const auto& last = n.items.back();
    size_t after = std::max(last.line, last.value->last_line);
    std::string block = emit_yaml(list, style_, n.indent);
    const Line& l = lines_.lines[after];
    if (l.next == l.end) {
      const auto header = keep_final_block_scalar(text_, last.value, after);
      splice(l.end, l.end, "\n" + at_end_of_file(block, list));
      if (header) splice(header->begin, header->end, header->with);  // before the insertion: still in place
    } else {
      splice(l.next, l.next, block);
    }
    return;
  }
  if (n.kind == Kind::Null || (n.kind == Kind::Flow && !n.flow_map)) {
    if (n.anchored) fail(n, to_string(path) + " uses YAML anchors, which kratix will not rewrite; edit it by hand");
    YAML::Node list = n.kind == Kind::Null ? YAML::Node(YAML::NodeType::Sequence) : value(path);
    list.push_back(item);
    replace_value(steps.back(), list);
    return;
  }
  fail(n, to_string(path) + " is not a list; make it a list (or remove it) first");
}

Stream Stream::parse(const std::string& text, const std::string& filename) {
  Stream s;
  LineTable lines = LineTable::of(text);
  size_t doc_begin = 0, doc_first_line = 0;
  std::string separator;
  auto is_marker = [&](const Line& l) {
    std::string_view v(text.data() + l.begin, l.end - l.begin);
    return l.indent == 0 && (v == "---" || v.starts_with("--- ") || v == "..." || v.starts_with("... "));
  };
  for (size_t i = 0; i < lines.lines.size(); ++i) {
    const Line& l = lines.lines[i];
    if (!is_marker(l)) continue;
    std::string_view v(text.data() + l.begin, l.end - l.begin);
    if (v.size() > 3 && v.substr(3).find_first_not_of(' ') != std::string_view::npos && v[4] != '#')
      throw Error(SourceLocation{filename, static_cast<int>(i + 1), 5},
                  "content on a document marker line is not supported by kratix; move it to the next line");
    std::string body = text.substr(doc_begin, l.begin - doc_begin);
    // Nothing before the first marker: no empty document there.
    if (!(s.docs_.empty() && separator.empty() && body.empty())) {
      s.separators_.push_back(separator);
      s.docs_.push_back(Document::parse(body, filename, doc_first_line));
    }
    separator = text.substr(l.begin, l.next - l.begin);
    doc_begin = l.next;
    doc_first_line = i + 1;
  }
  std::string body = text.substr(doc_begin);
  if (body.empty() && !separator.empty() && !s.docs_.empty()) {
    s.tail_ = separator;  // a final "---" or "..." with nothing after it
  } else {
    s.separators_.push_back(separator);
    s.docs_.push_back(Document::parse(body, filename, doc_first_line));
  }
  return s;
}

bool Stream::edited() const {
  return std::any_of(docs_.begin(), docs_.end(), [](const Document& d) { return d.edited(); });
}

std::string Stream::text() const {
  std::string out;
  for (size_t i = 0; i < docs_.size(); ++i) out += separators_[i] + docs_[i].text();
  return out + tail_;
}

}  // namespace kratix::yamledit
