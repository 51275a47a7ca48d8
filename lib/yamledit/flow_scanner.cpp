// The flow part of the scanner: [ ... ] and { ... } become Map and Seq nodes
// with a span for every entry, key, value and separating comma, so that edits
// can splice inside them.
#include <algorithm>

#include "yamledit/scalar.hpp"
#include "yamledit/scan_context.hpp"

namespace kratix::yamledit::detail {

// Past spaces, line breaks and comments between flow tokens.
size_t Scanner::flow_space(size_t pos) const {
  while (pos < t_.size()) {
    char c = t_[pos];
    if (is_blank(c) || c == '\n' || c == '\r') {
      ++pos;
    } else if (c == '#' && (pos == 0 || is_blank(t_[pos - 1]) || t_[pos - 1] == '\n' || t_[pos - 1] == '\r')) {
      while (pos < t_.size() && t_[pos] != '\n') ++pos;
    } else {
      break;
    }
  }
  return pos;
}

// End of an anchor, tag or alias name in flow context.
size_t Scanner::flow_token_end(size_t pos) const {
  size_t i = pos + 1;
  while (i < t_.size() && !is_blank(t_[i]) && !is_break(t_[i]) && !is_flow_indicator(t_[i])) ++i;
  return i;
}

// End of a plain scalar in flow context (it may continue on following lines).
size_t Scanner::flow_plain_end(size_t pos) const {
  size_t last = pos;
  size_t i = pos;
  auto ends_plain = [&](size_t j) {
    char c = at(j);
    if (c == '\0' || is_flow_indicator(c)) return true;
    if (c == ':' && (is_blank(at(j + 1)) || is_break(at(j + 1)) || is_flow_indicator(at(j + 1)))) return true;
    return false;
  };
  while (i < t_.size()) {
    char c = t_[i];
    if (ends_plain(i)) break;
    if (c == '#' && i > pos && is_blank(t_[i - 1])) break;
    if (c == '\n' || c == '\r') {
      size_t j = i;
      while (j < t_.size() && (is_blank(t_[j]) || t_[j] == '\n' || t_[j] == '\r')) ++j;
      if (j >= t_.size() || ends_plain(j) || t_[j] == '#') break;
      i = j;
      continue;
    }
    if (!is_blank(c)) last = i + 1;
    ++i;
  }
  return last;
}

Node* Scanner::flow_value(size_t& pos) {
  Node* n = new_node(Kind::Null, pos);
  size_t p = read_props(*n, pos, t_.size(), true);
  char c = at(p);
  n->begin = n->end = p;
  if (c == '[' || c == '{') {
    Node* f = carry_props(*n, flow_collection(p), true);
    pos = p;
    return f;
  }
  if (c == '"' || c == '\'') {
    n->kind = Kind::Scalar;
    n->style = c == '"' ? Style::Double : Style::Single;
    n->end = quoted_end(p);
  } else if (c == '*') {
    if (n->props != kNone) fail_at(n->props, kAliasWithProperties);
    n->kind = Kind::Alias;
    n->end = flow_token_end(p);
  } else if (c == '|' || c == '>') {
    fail_at(p, "a block scalar ('|' or '>') cannot be inside [ ] or { }; quote the text instead");
  } else if (c == '\0' || is_flow_indicator(c) ||
             (c == ':' && (is_blank(at(p + 1)) || is_break(at(p + 1)) || is_flow_indicator(at(p + 1))))) {
    // Nothing written: an empty value.
  } else {
    check_plain_start(p);
    n->kind = Kind::Scalar;
    n->style = Style::Plain;
    n->end = flow_plain_end(p);
    if (n->end == p) fail_at(p, std::string("unexpected '") + c + "' in a flow collection");
  }
  n->first_line = line_of(n->start());
  n->last_line = n->end > n->begin ? line_of(n->end - 1) : n->first_line;
  pos = n->end;
  return n;
}

// A key, its ':' and its value at pos (a flow mapping entry, or a "k: v" pair
// written as a sequence item). Returns the value; e gets the key. Sets
// `pair` when there is a ':' or an explicit '?'.
Node* Scanner::flow_pair(size_t& pos, Node::Entry& e, Node*& key_node, bool& pair) {
  size_t p = pos;
  e.key_begin = p;
  bool explicit_key = is_explicit(p, '?');
  if (explicit_key) {
    e.complex = true;
    tree_.complex_keys = true;
    p = flow_space(p + 1);
  }
  key_node = flow_value(p);
  if (explicit_key && key_node->kind == Kind::Null && key_node->props == kNone && key_node->tag == kNone)
    fail_at(e.key_begin, "a mapping entry without a key ('?' with nothing after it); write the key after the '?'");
  e.key_end = std::max(key_node->end, explicit_key ? e.key_begin + 1 : key_node->end);
  if (key_node->kind == Kind::Scalar) {
    e.key = scalar_value(t_, *key_node);
    e.text_key = true;
  } else if (key_node->kind != Kind::Null || explicit_key)
    e.complex = true;
  if (key_node->props != kNone || key_node->kind == Kind::Null) e.complex = true;
  size_t q = flow_space(p);
  bool adjacent = key_node->style == Style::Single || key_node->style == Style::Double || key_node->is_flow();
  if (at(q) == ':' && (adjacent || is_blank(at(q + 1)) || is_break(at(q + 1)) || is_flow_indicator(at(q + 1)))) {
    pair = true;
    e.colon_end = q + 1;
    if (!explicit_key) check_key_length(e.key_begin, e.key_end);
    size_t r = flow_space(q + 1);
    if (at(r) == ',' || at(r) == ']' || at(r) == '}') {
      Node* v = new_node(Kind::Null, e.colon_end);
      v->first_line = v->last_line = line_of(e.colon_end - 1);
      pos = e.colon_end;
      return v;
    }
    p = r;
    Node* v = flow_value(p);
    pos = p;
    return v;
  }
  pair = explicit_key;
  e.colon_end = e.key_end;
  Node* v = new_node(Kind::Null, e.key_end);
  v->first_line = v->last_line = key_node->last_line;
  pos = p;
  return v;
}

Node* Scanner::flow_collection(size_t& pos) {
  auto level = enter(pos);
  const char open = t_[pos];
  const char close = open == '{' ? '}' : ']';
  Node* n = new_node(open == '{' ? Kind::Map : Kind::Seq, pos);
  n->style = Style::Flow;
  n->first_line = line_of(pos);
  size_t p = pos + 1;
  size_t* last_comma = nullptr;
  while (true) {
    p = flow_space(p);
    if (p >= t_.size())
      fail_at(pos, std::string("the flow collection opened with ") + open + " is never closed; close it");
    if (t_[p] == close) {
      ++p;
      break;
    }
    if (t_[p] == ',') fail_at(p, "an empty entry in a flow collection (two commas); remove one");
    if (t_[p] == ']' || t_[p] == '}')
      fail_at(p, std::string("'") + t_[p] + "' closes nothing here; the collection opened with " + open +
                     " closes with " + close);
    const size_t start = p;
    Node* key = nullptr;
    bool pair = false;
    Node::Entry e;
    e.line = line_of(start);
    Node* value = flow_pair(p, e, key, pair);
    if (open == '{') {
      // "{a, b}": a key without ':' is still a key.
      if (!is_explicit(start, '?')) check_key_length(e.key_begin, e.key_end);
      const size_t li = line_of(start);
      check_unique_key(*n, e, li, static_cast<int>(start - lines_[li].begin));
      e.value = value;
      n->entries.push_back(std::move(e));
      last_comma = &n->entries.back().comma;
    } else {
      Node::Item item;
      item.line = e.line;
      item.dash = item.content = start;
      if (pair) {
        // "[a: 1]": a mapping of one pair as an item.
        Node* m = new_node(Kind::Map, start);
        m->style = Style::Flow;
        m->first_line = e.line;
        m->end = std::max(value->end, e.colon_end);
        m->last_line = line_of(m->end - 1);
        e.value = value;
        m->entries.push_back(std::move(e));
        item.value = m;
        item.complex = true;
      } else {
        item.value = key;
      }
      n->items.push_back(item);
      last_comma = &n->items.back().comma;
    }
    p = flow_space(p);
    if (at(p) == ',') {
      *last_comma = p;
      ++p;
    } else if (at(p) != close) {
      if (p >= t_.size())
        fail_at(pos, std::string("the flow collection opened with ") + open + " is never closed; close it");
      fail_at(p, std::string("expected ',' or '") + close + "' here in a flow collection");
    }
  }
  n->end = p;
  n->last_line = line_of(p - 1);
  pos = p;
  return n;
}

}  // namespace kratix::yamledit::detail
