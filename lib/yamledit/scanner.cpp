#include "yamledit/scanner.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "util/nesting.hpp"
#include "yamledit/scalar.hpp"
#include "yamledit/scan_context.hpp"

namespace kratix::yamledit {

namespace detail {

Node* Scanner::run() {
  check_characters();
  size_t li = next_significant(0);
  if (li >= lines_.size()) {
    Node* n = new_node(Kind::Null, 0);
    tree_.root = n;
    return n;
  }
  check_tabs(li);
  size_t pos = lines_[li].begin + static_cast<size_t>(lines_[li].indent);
  Node* root = starts_block(pos, lines_[li].end) ? block_at(li, pos) : value_after(pos, li, -1, false, false);
  // yaml-cpp ends a top-level plain value that carries a tag or an anchor
  // before a line at column 0 and reads that line as another document.
  if (root->kind == Kind::Scalar && root->style == Style::Plain && root->props != kNone) {
    for (size_t k = root->first_line + 1; k <= root->last_line; ++k)
      if (!lines_[k].blank && lines_[k].indent == 0)
        fail(k, 0,
             "a top-level value with a tag or an anchor goes on at column 0, which YAML readers disagree on; "
             "indent its lines or quote it");
  }
  size_t rest = next_significant(root->last_line + 1);
  if (rest < lines_.size())
    fail(rest, lines_[rest].indent, "unexpected content after the document's top-level value; check its indentation");
  tree_.root = root;
  return root;
}

Scanner::Level Scanner::enter(size_t pos) {
  if (depth_ >= util::kMaxNesting) {
    const size_t li = line_of(pos);
    throw util::nesting_error(
        {file_, static_cast<int>(li + 1 + offset_), static_cast<int>(pos - lines_[li].begin) + 1});
  }
  return Level(depth_);
}

// The value that starts at byte pos on line li, owned by a key or dash at
// column owner (-1 at the document root). same_indent_seq: a block sequence
// may start at the owner's own column (mapping values only). inline_block: a
// block collection may start on this line ("- key: v", "- - x", "? a: b").
Node* Scanner::value_after(size_t pos, size_t li, int owner, bool same_indent_seq, bool inline_block) {
  const Line& l = lines_[li];
  const size_t value_pos = pos;
  pos = skip_spaces(pos, l.end);
  if (inline_block && pos < l.end && t_[pos] != '#' && starts_block(pos, l.end)) return block_at(li, pos);
  Node* n = new_node(Kind::Null, value_pos);
  pos = read_props(*n, pos, l.end, false);
  if (pos >= l.end || t_[pos] == '#') {
    n->comment = pos < l.end ? pos : kNone;
    n->first_line = n->last_line = li;
    // A null with properties spans them: a value written over it replaces
    // the tag too ("a: !tag" -> "a: 5", not "a: 5 !tag").
    if (n->props != kNone) {
      n->end = pos;
      while (n->end > value_pos && is_blank(t_[n->end - 1])) --n->end;
    }
    return value_below(n, li, owner, same_indent_seq);
  }
  n->begin = pos;
  n->first_line = li;
  char c = t_[pos];
  if (c == '*') {
    if (n->props != kNone) fail_at(n->props, kAliasWithProperties);
    n->kind = Kind::Alias;
    size_t e = pos;
    while (e < l.end && !is_blank(t_[e])) ++e;
    n->end = e;
    n->last_line = li;
    finish_inline(*n, "an alias");
  } else if (c == '[' || c == '{') {
    size_t p = pos;
    Node* f = carry_props(*n, flow_collection(p), true);
    finish_inline(*f, "a flow collection");
    return f;
  } else if (c == '"' || c == '\'') {
    n->kind = Kind::Scalar;
    n->style = c == '"' ? Style::Double : Style::Single;
    n->end = quoted_end(pos);
    n->last_line = line_of(n->end - 1);
    finish_inline(*n, "a quoted scalar; quote the whole value");
  } else if (c == '|' || c == '>') {
    block_scalar(*n, pos, li, owner);
  } else {
    check_plain_start(pos);
    plain_scalar(*n, pos, li, owner);
  }
  return n;
}

// After "key:" (or "-") with nothing more on the line: the value is on the
// next lines, or null. n holds what the line had (properties, a comment).
Node* Scanner::value_below(Node* n, size_t li, int owner, bool same_indent_seq) {
  size_t next = next_significant(li + 1);
  if (next < lines_.size()) {
    check_tabs(next);
    const Line& nl = lines_[next];
    size_t npos = nl.begin + static_cast<size_t>(nl.indent);
    Node* child = nullptr;
    if (nl.indent > owner) {
      child = starts_block(npos, nl.end) ? block_at(next, npos) : value_after(npos, next, owner, false, false);
    } else if (same_indent_seq && nl.indent == owner && is_dash(npos)) {
      child = block_at(next, npos);
    }
    // Properties written on the key's line belong to the value below.
    if (child) return carry_props(*n, child, false);
  }
  n->kind = Kind::Null;
  return n;
}

void Scanner::finish_inline(Node& n, const char* what) {
  const Line& last = lines_[n.last_line];
  size_t i = skip_spaces(n.end, last.end);
  // A comment is set off by a space: '"y"#' is text after the value (yaml-cpp reads a comment).
  if (i < last.end && (t_[i] != '#' || i == n.end)) fail_at(i, std::string("unexpected text after ") + what);
  n.comment = i < last.end ? i : kNone;
}

void Scanner::block_scalar(Node& n, size_t pos, size_t li, int owner) {
  const Line& l = lines_[li];
  n.kind = Kind::Scalar;
  n.style = t_[pos] == '|' ? Style::Literal : Style::Folded;
  size_t i = pos + 1;
  int explicit_indent = 0;
  for (int k = 0; k < 2 && i < l.end; ++k) {
    if (t_[i] == '-' || t_[i] == '+') {
      n.chomp = t_[i++];
    } else if (t_[i] >= '1' && t_[i] <= '9') {
      explicit_indent = t_[i++] - '0';
    }
  }
  if (i < l.end && !is_blank(t_[i])) fail_at(i, "unexpected text after a block scalar's '|' or '>'");
  n.comment = comment_in(i, l.end);
  if (n.comment == kNone && !rest_is_empty(i, l.end))
    fail_at(skip_spaces(i, l.end), "unexpected text after a block scalar's header; start the text on the next line");
  n.first_line = n.last_line = li;
  n.end = l.end;
  int content = 0;
  if (explicit_indent > 0) {
    content = std::max(owner, 0) + explicit_indent;
  } else {
    size_t k = next_nonblank(li + 1);
    content = k < lines_.size() ? lines_[k].indent : 0;
  }
  n.indent = content;
  // Kept ("|+") with no text but empty lines, its value is those lines'
  // breaks; kratix and yaml-cpp count them differently at a file's end.
  const auto refuse_kept_empty = [&] {
    if (n.chomp == '+' && li + 1 < lines_.size() && lines_[li + 1].blank)
      fail(li + 1, 0,
           "a kept block scalar ('|+' or '>+') with no text, only empty lines, which YAML readers count "
           "differently; write the value in quotes (\"\\n\")");
  };
  if (content <= owner) {  // an empty scalar
    refuse_kept_empty();
    return;
  }
  bool text = false;
  size_t last_empty = 0;  // the last empty line after some text, 0 for none
  for (size_t m = li + 1; m < lines_.size(); ++m) {
    // A line of spaces deeper than the text is text (those spaces), not an
    // empty line: the value goes on to it. Before any text that is so only
    // with an explicit indentation ("|2"); otherwise the first text line sets
    // the indentation and every line of spaces before it is empty.
    const bool spaces_are_text = lines_[m].indent > content && (text || explicit_indent > 0);
    if (lines_[m].blank && !spaces_are_text) {
      if (text) last_empty = m;
      continue;
    }
    if (!lines_[m].blank && lines_[m].indent < content) break;
    // Text at column 0 (a top-level block scalar) is text to YAML; yaml-cpp
    // reads an empty string and then a comment, a mapping or an error.
    if (content == 0)
      fail(m, 0,
           "a top-level block scalar's text at column 0 is text to YAML and not to yaml-cpp; indent the "
           "block's text");
    text = true;
    n.last_line = m;
    n.end = lines_[m].end;
  }
  if (!text) refuse_kept_empty();  // a top-level one (content 0 > owner -1)
  // A last line of the file that holds only spaces and no line break: yaml-cpp
  // reads a space of it into the text before (YAML reads an empty line).
  if (text) {
    size_t m = n.last_line + 1;
    while (m < lines_.size() && lines_[m].blank) ++m;
    const Line& last = lines_.back();
    if (m == lines_.size() && m > n.last_line + 1 && last.blank && last.end > last.begin && last.next == last.end)
      fail(lines_.size() - 1, 0,
           "the file ends in a line of spaces without a line break after a block scalar, which YAML readers read "
           "differently; remove the spaces or end the line");
  }
  // Kept ("|+"), the empty lines after the text are the value's: what is
  // written after it goes after them.
  if (n.chomp == '+' && last_empty > n.last_line) {
    n.last_line = last_empty;
    n.end = lines_[last_empty].end;
  }
}

void Scanner::plain_scalar(Node& n, size_t pos, size_t li, int owner) {
  const Line& l = lines_[li];
  n.kind = Kind::Scalar;
  n.style = Style::Plain;
  size_t comment = kNone;
  n.end = plain_end(pos, l.end, comment);
  n.comment = comment;
  n.last_line = li;
  if (key_at(pos, l.end))
    fail_at(pos, "a mapping cannot start on the same line as another key's value; put it on its own lines");
  if (comment != kNone) return;  // a comment ends it
  // A plain scalar continues on more-indented lines.
  for (size_t m = li + 1; m < lines_.size(); ++m) {
    if (lines_[m].blank) continue;
    if (lines_[m].comment || lines_[m].indent <= owner) break;
    size_t mpos = lines_[m].begin + static_cast<size_t>(lines_[m].indent);
    if (key_at(mpos, lines_[m].end))
      fail(m, lines_[m].indent,
           "bad indentation: this line is deeper than the value above it; align it with its siblings");
    n.last_line = m;
    n.end = plain_end(mpos, lines_[m].end, comment);
    n.comment = comment;
    if (comment != kNone) break;
  }
}

// A block mapping or sequence whose first key or dash is at byte pos on line li.
Node* Scanner::block_at(size_t li, size_t pos) {
  auto level = enter(pos);
  int col = static_cast<int>(pos - lines_[li].begin);
  return is_dash(pos) ? seq(li, pos, col) : map(li, pos, col);
}

Node* Scanner::map(size_t li, size_t pos, int indent) {
  Node* n = new_block(Kind::Map, li, pos, indent);
  while (true) {
    Node::Entry e;
    e.line = li;
    e.key_begin = pos;
    const Line& l = lines_[li];
    if (is_explicit(pos, '?')) {
      // "? key" on its own, then ": value" on a line at the same column.
      e.complex = true;
      tree_.complex_keys = true;
      Node* key = value_after(pos + 1, li, indent, false, true);
      // "?" with nothing after it is a null key, as ": value" is.
      if (key->kind == Kind::Null && key->props == kNone && key->tag == kNone)
        fail(li, static_cast<int>(pos - l.begin),
             "a mapping entry without a key ('?' with nothing after it); write the key after the '?'");
      if (key->kind == Kind::Scalar) {
        e.key = scalar_value(t_, *key);
        e.text_key = true;
      }
      e.key_end = key->kind == Kind::Null ? pos + 1 : key->end;
      size_t next = next_significant(std::max(key->last_line, li) + 1);
      if (next < lines_.size() && lines_[next].indent == indent &&
          is_explicit(lines_[next].begin + static_cast<size_t>(indent), ':')) {
        size_t colon = lines_[next].begin + static_cast<size_t>(indent);
        e.colon_end = colon + 1;
        e.value = value_after(colon + 1, next, indent, true, true);
      } else {
        e.colon_end = e.key_end;
        e.value = new_node(Kind::Null, e.key_end);
        e.value->first_line = e.value->last_line = std::max(key->last_line, li);
      }
    } else {
      auto key = key_at(pos, l.end);
      if (!key) fail(li, static_cast<int>(pos - l.begin), "expected a 'key: value' line here; check the indentation");
      e.key = std::move(key->text);
      e.key_end = key->end;
      e.colon_end = key->colon_end;
      e.complex = key->complex;
      e.text_key = !key->alias;
      e.value = value_after(key->colon_end, li, indent, true, false);
    }
    check_unique_key(*n, e, li, indent);
    if (!e.complex && (e.value->first_line > e.line || e.value->kind == Kind::Null))
      e.comment = comment_after_props(e.colon_end, l.end);
    n->last_line = std::max(e.value->last_line, li);
    n->end = lines_[n->last_line].end;
    n->entries.push_back(std::move(e));
    size_t next = next_significant(n->last_line + 1);
    if (next >= lines_.size()) break;
    check_tabs(next);
    int ind = lines_[next].indent;
    if (ind < indent) break;
    size_t npos = lines_[next].begin + static_cast<size_t>(ind);
    if (ind > indent) fail(next, ind, "bad indentation: deeper than the keys around it; align it with its siblings");
    if (is_dash(npos)) break;  // a sequence item of an enclosing sequence at this column
    li = next;
    pos = npos;
  }
  extend_with_comments(*n, indent);
  return n;
}

Node* Scanner::seq(size_t li, size_t pos, int indent) {
  Node* n = new_block(Kind::Seq, li, pos, indent);
  while (true) {
    Node::Item item;
    item.line = li;
    item.dash = pos;
    item.content = pos + 1;
    item.value = value_after(pos + 1, li, indent, false, true);
    if (item.value->first_line > li || item.value->kind == Kind::Null)
      item.comment = comment_after_props(pos + 1, lines_[li].end);
    n->last_line = std::max(item.value->last_line, li);
    n->end = lines_[n->last_line].end;
    n->items.push_back(item);
    size_t next = next_significant(n->last_line + 1);
    if (next >= lines_.size()) break;
    check_tabs(next);
    int ind = lines_[next].indent;
    size_t npos = lines_[next].begin + static_cast<size_t>(ind);
    if (ind < indent || (ind == indent && !is_dash(npos))) break;
    if (ind > indent) fail(next, ind, "bad indentation: deeper than the items around it; align it with its siblings");
    li = next;
    pos = npos;
  }
  extend_with_comments(*n, indent);
  return n;
}

// Comment lines right after a block collection, indented at least as deep as
// its keys, belong to it (they are removed or kept with it).
void Scanner::extend_with_comments(Node& n, int indent) const {
  for (size_t m = n.last_line + 1; m < lines_.size(); ++m) {
    if (lines_[m].blank) continue;
    if (!lines_[m].comment || lines_[m].indent < indent) break;
    n.last_line = m;
    n.end = lines_[m].end;
  }
}

}  // namespace detail

Node* scan(std::string_view text, const LineTable& lines, const std::string& filename, Tree& tree, size_t line_offset) {
  tree.nodes.clear();
  tree.anchors.clear();
  tree.complex_keys = false;
  tree.root = nullptr;
  detail::Scanner(text, lines, filename, tree, line_offset).run();
  for (const Node& n : tree.nodes) {
    if (n.anchor != kNone) tree.anchors.push_back(&n);
  }
  std::sort(tree.anchors.begin(), tree.anchors.end(),
            [](const Node* a, const Node* b) { return a->anchor < b->anchor; });
  return tree.root;
}

}  // namespace kratix::yamledit
