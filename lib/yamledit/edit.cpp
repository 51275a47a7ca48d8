// The splices behind Document::set, append and remove, for block structure.
// Inside flow collections, flow_edit.cpp does the work.
#include <algorithm>

#include "yamledit/document_step.hpp"

namespace kratix::yamledit {

using Kind = Node::Kind;

namespace {

std::string without_final_newline(std::string s) {
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

bool only_blanks(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

YAML::Node empty_like(const Node& n) {
  return YAML::Node(n.kind == Kind::Map ? YAML::NodeType::Map : YAML::NodeType::Sequence);
}

}  // namespace

// The comment on the line of the key or dash that owns a block value, with
// the blanks before it ("" when there is none).
std::string Document::line_tail(const Step& at) const {
  size_t c = kNone;
  const Node& n = *at.node;
  if (n.is_block_scalar())
    c = n.comment;
  else if (at.entry)
    c = at.entry->comment;
  else if (at.item)
    c = at.item->comment;
  if (c == kNone) return std::string();
  size_t b = c;
  while (b > at.value_start && (text_[b - 1] == ' ' || text_[b - 1] == '\t')) --b;
  return text_.substr(b, lines_.lines[lines_.line_at(c)].end - b);
}

void Document::write_value(const Step& at, const YAML::Node& value) {
  const Node& n = *at.node;
  const bool collection = value.IsMap() || value.IsSequence();
  // The old value's tag goes with it ("! x" set to 32 would stay a string),
  // also when it was written on a line above the value; a node with an
  // anchor is never edited.
  size_t from = n.begin;
  if (n.props != kNone) from = std::min(from, n.props);
  if (n.tag != kNone) from = std::min(from, n.tag);
  if (at.in_flow) {
    std::string t = flow_yaml(value);
    if (n.kind == Kind::Null && at.entry && at.entry->colon_end == at.entry->key_end) {
      splice(at.entry->key_end, at.entry->key_end, ": " + t);  // "{a}" -> "{a: v}"
    } else if (n.kind == Kind::Null && from == n.begin) {
      splice(n.begin, n.begin, " " + t);
    } else {
      splice(from, n.end, t);  // a tagged null ("[!]", "{a: !t}") loses its tag too
    }
    return;
  }
  if (at.root) {
    if (n.is_flow() && !n.is_empty_flow() && collection && value.size() > 0) {
      splice(from, n.end, flow_yaml(value));
      return;
    }
    std::string block = emit_yaml(value, style_, 0);
    if (n.kind == Kind::Null && n.tag == kNone) {
      // Nothing but comments: the value goes after them.
      if (lines_.lines.empty())
        splice(0, 0, block);
      else
        insert_after_line(lines_.lines.size() - 1, block, ends_with_block_scalar(value));
      return;
    }
    size_t end = lines_.lines[n.last_line].end;
    if (ends_with_block_scalar(value)) empty_blank_lines_after(n.last_line);
    splice(lines_.lines[n.first_line].begin, end, without_final_newline(block) + break_at_end(end, value));
    return;
  }
  const bool inline_old = !(n.is_block_collection() || n.is_block_scalar());
  const size_t end_of_old = lines_.lines[n.last_line].end;
  if (n.is_flow() && !n.is_empty_flow() && collection && value.size() > 0) {
    splice(from, n.end, flow_yaml(value));  // a flow collection stays one
    return;
  }
  // The value as it follows "key:" or "-" at the owner's column.
  YAML::Node wrapper(at.in_item ? YAML::NodeType::Sequence : YAML::NodeType::Map);
  if (at.in_item)
    wrapper.push_back(value);
  else
    wrapper["k"] = value;
  std::string full = emit_yaml(wrapper, style_, std::max(at.owner_indent, 0));
  std::string after =
      without_final_newline(full.substr(static_cast<size_t>(std::max(at.owner_indent, 0)) + (at.in_item ? 1 : 2)));
  size_t nl = after.find('\n');
  if (nl == std::string::npos) {
    std::string t = after.substr(after.empty() || after[0] != ' ' ? 0 : 1);
    if (inline_old && n.kind == Kind::Null)
      splice(n.begin, n.end, " " + t);  // [begin, end): the null's !tag or &anchor, if any
    else if (inline_old)
      splice(from, n.end, t);
    else
      splice(at.value_start, end_of_old, " " + t + line_tail(at));
    return;
  }
  if (ends_with_block_scalar(value)) empty_blank_lines_after(n.last_line);
  std::string keep = inline_old ? text_.substr(n.end, end_of_old - n.end) : line_tail(at);
  std::string first = after.substr(0, nl);  // "" for a block collection, " |-" for a literal, " a: 1" after a dash
  std::string rest = after.substr(nl);      // "\n  ..."
  bool compact = first.size() > 1 && first[1] != '|';  // "- a: 1" with the mapping's first key on the dash line
  if (at.in_item && compact && !only_blanks(keep)) {
    // "- # note" keeps its comment: the mapping starts on the next line.
    std::string block = without_final_newline(emit_yaml(value, style_, at.owner_indent + 2));
    splice(at.value_start, end_of_old, keep + "\n" + block + break_at_end(end_of_old, value));
    return;
  }
  splice(at.value_start, end_of_old, first + keep + rest + break_at_end(end_of_old, value));
}

// "key: value" -> "key:" (keeping a comment on the key's line).
void Document::clear_value(const Step& at) {
  const Node& n = *at.node;
  splice(at.value_start, lines_.lines[n.last_line].end, line_tail(at));
}

// Inserts block (whole lines) after line li. At the end of a file without a
// final newline, a block scalar ending there would gain a line break: its
// chomping becomes '-' so that its value stays the same.
// "\n" when text replacing [.., end) ends the file, which has no final
// newline, and ends in a literal block: without a line break after it, the
// literal would lose its last one.
std::string Document::break_at_end(size_t end, const YAML::Node& value) const {
  return end == text_.size() && !lines_.final_newline && ends_with_block_scalar(value) ? "\n" : "";
}

// Blank lines right after line li that hold spaces: after a new literal
// block, yaml-cpp reads spaces deeper than its text as more of its text
// ("x\n" became "x\n     "). They are emptied, back to front, before any
// splice at or before line li.
void Document::empty_blank_lines_after(size_t li) {
  size_t last = li;
  while (last + 1 < lines_.lines.size() && lines_.lines[last + 1].blank) ++last;
  for (size_t k = last; k > li; --k) {
    const Line& l = lines_.lines[k];
    if (l.end > l.begin) splice(l.begin, l.end, "");
  }
}

void Document::insert_after_line(size_t li, const std::string& block, bool ends_in_literal) {
  if (ends_in_literal) empty_blank_lines_after(li);
  const Line& l = lines_.lines[li];
  if (l.next != l.end) {
    splice(l.next, l.next, block);
    return;
  }
  const Node* scalar = nullptr;
  for (const Node& n : tree_->nodes) {
    if (n.kind == Kind::Scalar && n.is_block_scalar() && n.last_line == li && n.chomp != '-') scalar = &n;
  }
  size_t header = scalar ? scalar->begin : kNone;
  char chomp = scalar ? scalar->chomp : 0;
  size_t at = l.end;
  splice(at, at, "\n" + (ends_in_literal ? block : without_final_newline(block)));
  if (header != kNone) {
    if (chomp == '+') {
      size_t plus = text_.find('+', header);
      splice(plus, plus + 1, "-");
    } else {
      splice(header + 1, header + 1, "-");
    }
  }
}

void Document::insert_entry(const Step& at, const std::string& key, const YAML::Node& value) {
  const Node& n = *at.node;
  if (n.is_flow()) {
    insert_in_flow(n, key_text(key) + ": " + flow_yaml(value));
    return;
  }
  YAML::Node entry(YAML::NodeType::Map);
  entry[key] = value;
  const auto& last = n.entries.back();
  insert_after_line(std::max(last.line, last.value->last_line), emit_yaml(entry, style_, n.indent),
                    ends_with_block_scalar(entry));
}

void Document::append_item(const Step& at, const YAML::Node& item) {
  const Node& n = *at.node;
  if (n.is_flow()) {
    insert_in_flow(n, flow_yaml(item));
    return;
  }
  YAML::Node list(YAML::NodeType::Sequence);
  list.push_back(item);
  const auto& last = n.items.back();
  insert_after_line(std::max(last.line, last.value->last_line), emit_yaml(list, style_, n.indent),
                    ends_with_block_scalar(list));
}

void Document::remove_child(const Step& parent_step, const Step& child) {
  const Node& parent = *parent_step.node;
  bool is_map = parent.kind == Kind::Map;
  size_t count = is_map ? parent.entries.size() : parent.items.size();
  if (count == 1) {
    write_value(parent_step, empty_like(parent));
    return;
  }
  if (parent.is_flow()) {
    remove_from_flow(parent, child.index);
    return;
  }
  size_t line = is_map ? parent.entries[child.index].line : parent.items[child.index].line;
  size_t last = std::max(line, child.node->last_line);
  // Lines of spaces right after it go too: they were its block scalar's empty
  // lines, and left behind they would join the block scalar before it
  // (yaml-cpp then reads a trailing space into that one).
  while (last + 1 < lines_.lines.size() && lines_.lines[last + 1].blank &&
         lines_.lines[last + 1].end > lines_.lines[last + 1].begin)
    ++last;
  if (is_map && child.index == 0 &&
      parent.entries[0].key_begin != lines_.lines[line].begin + static_cast<size_t>(lines_.lines[line].indent)) {
    // "- first: 1\n  second: 2": the second key moves up onto the dash line.
    splice(parent.entries[0].key_begin, parent.entries[1].key_begin, "");
    return;
  }
  if (!is_map && child.index == 0 &&
      parent.items[0].dash != lines_.lines[line].begin + static_cast<size_t>(lines_.lines[line].indent)) {
    // "- - x\n  - y": the second item moves up onto the outer dash line.
    splice(parent.items[0].dash, parent.items[1].dash, "");
    return;
  }
  size_t first = line;
  while (first > 0 && lines_.lines[first - 1].comment && lines_.lines[first - 1].indent >= parent.indent) --first;
  const Line& end_line = lines_.lines[last];
  if (end_line.next == end_line.end && first > 0) {
    // The last lines of a file without a final newline: the line break before
    // them goes too, unless a block scalar ends there (it would lose its own).
    bool keeps_break = false;
    for (const Node& n : tree_->nodes) {
      if (n.kind == Kind::Scalar && n.is_block_scalar() && n.last_line == first - 1 && n.chomp != '-')
        keeps_break = true;
    }
    if (!keeps_break) {
      splice(lines_.lines[first - 1].end, end_line.end, "");
      return;
    }
  }
  splice(lines_.lines[first].begin, end_line.next, "");
}

}  // namespace kratix::yamledit
