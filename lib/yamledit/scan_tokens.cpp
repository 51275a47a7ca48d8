// The scanner's character-level part: positions and errors, new nodes,
// quoted scalars, properties (&anchor, !tag), keys and plain scalars on a line.
#include "core/error.hpp"
#include "yamledit/scalar.hpp"
#include "yamledit/scan_context.hpp"

namespace kratix::yamledit::detail {

void Scanner::fail(size_t li, int col, const std::string& what) const {
  throw Error(SourceLocation{file_, static_cast<int>(li + 1 + offset_), col + 1}, "invalid YAML: " + what);
}

void Scanner::fail_at(size_t pos, const std::string& what) const {
  size_t li = line_of(pos);
  fail(li, static_cast<int>(pos - lines_[li].begin), what);
}

size_t Scanner::line_of(size_t pos) const {
  size_t lo = 0, hi = lines_.size();
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (lines_[mid].begin <= pos)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

Node* Scanner::new_node(Kind kind, size_t begin) {
  Node* n = &tree_.nodes.emplace_back();
  n->kind = kind;
  n->begin = n->end = begin;
  return n;
}

Node* Scanner::carry_props(Node& from, Node* to, bool same_line) {
  if (same_line) to->props = from.props;
  if (from.anchored) {
    to->anchored = true;
    to->anchor = from.anchor;
  }
  if (from.tag != kNone) {
    to->tag = from.tag;
    to->tag_len = from.tag_len;
  }
  from.anchor = kNone;  // `from` is dropped: `to` carries the properties
  return to;
}

size_t Scanner::next_significant(size_t li) const {
  while (li < lines_.size() && (lines_[li].blank || lines_[li].comment)) ++li;
  return li;
}

size_t Scanner::next_nonblank(size_t li) const {
  while (li < lines_.size() && lines_[li].blank) ++li;
  return li;
}

void Scanner::check_tabs(size_t li) const {
  const Line& l = lines_[li];
  if (static_cast<size_t>(l.indent) < l.end - l.begin && t_[l.begin + static_cast<size_t>(l.indent)] == '\t')
    fail(li, l.indent, "a tab in the indentation; YAML indents with spaces only");
}

size_t Scanner::quoted_end(size_t pos) const {
  const size_t end = quoted_scalar_end(t_, pos);
  if (end == kNone) fail_at(pos, std::string("the quote ") + t_[pos] + " is never closed; close it");
  return end;
}

size_t Scanner::read_props(Node& n, size_t pos, size_t end, bool flow) {
  while (pos < end && (t_[pos] == '&' || t_[pos] == '!')) {
    if (n.props == kNone) n.props = pos;
    size_t token = pos;
    if (flow) {
      pos = flow_token_end(pos);
    } else {
      while (pos < end && !is_blank(t_[pos])) ++pos;
    }
    if (t_[token] == '&') {
      n.anchored = true;
      n.anchor = token;
      if (pos == token + 1) fail_at(token, "an anchor needs a name after '&'");
    } else {
      n.tag = token;
      n.tag_len = pos - token;
    }
    pos = flow ? flow_space(pos) : skip_spaces(pos, end);
  }
  return pos;
}

// A mapping key starting at pos on a line ending at end, if the line holds one.
std::optional<Scanner::Key> Scanner::key_at(size_t pos, size_t end) const {
  size_t unclosed = kNone;
  std::optional<Key> key = key_token(t_, pos, end, &unclosed);
  if (unclosed != kNone) quoted_end(unclosed);  // fails, naming the quote
  return key;
}

// End of a plain scalar's text on the line [pos, end): before " #" and
// trailing spaces; comment gets the '#'.
size_t Scanner::plain_end(size_t pos, size_t end, size_t& comment) const {
  return plain_scalar_end(t_, pos, end, comment);
}

size_t Scanner::comment_after_props(size_t pos, size_t end) const {
  size_t i = skip_spaces(pos, end);
  while (i < end && (t_[i] == '&' || t_[i] == '!')) {
    while (i < end && !is_blank(t_[i])) ++i;
    i = skip_spaces(i, end);
  }
  return i < end && t_[i] == '#' ? i : kNone;
}

Node* Scanner::new_block(Kind kind, size_t li, size_t pos, int indent) {
  Node* n = new_node(kind, pos);
  n->style = Style::Block;
  n->indent = indent;
  n->first_line = li;
  return n;
}

}  // namespace kratix::yamledit::detail
