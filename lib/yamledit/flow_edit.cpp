// Splices inside flow collections: a new entry or item goes after the last
// one in the collection's own layout (on one line, or one per line with the
// same indentation and comma style); a removed one takes its comma with it,
// so that inserting and then removing gives back the same bytes.
#include <algorithm>

#include "yamledit/document_step.hpp"

namespace kratix::yamledit {

using Kind = Node::Kind;

namespace {

struct Element {
  size_t start;  // first byte
  size_t end;    // one past its last byte
  size_t comma;  // the ',' after it, or kNone
};

Element element(const Node& n, size_t i) {
  if (n.kind == Kind::Map) {
    const auto& e = n.entries[i];
    size_t end = e.value->kind == Kind::Null ? std::max(e.colon_end, e.key_end) : e.value->end;
    return {e.key_begin, end, e.comma};
  }
  const auto& it = n.items[i];
  return {it.dash, it.value->end, it.comma};
}

}  // namespace

void Document::insert_in_flow(const Node& n, const std::string& text) {
  size_t count = n.kind == Kind::Map ? n.entries.size() : n.items.size();
  if (count == 0) {
    splice(n.begin + 1, n.end - 1, text);  // "{}" -> "{text}"
    return;
  }
  Element last = element(n, count - 1);
  const Line& first_line = lines_.lines[lines_.line_at(last.start)];
  bool own_line = text_.find_first_not_of(" \t", first_line.begin) == last.start;
  size_t after = last.comma != kNone ? last.comma + 1 : last.end;
  const Line& end_line = lines_.lines[lines_.line_at(after - 1)];
  size_t rest = text_.find_first_not_of(" \t", after);
  bool rest_empty = rest >= end_line.end || text_[rest] == '#';
  if (own_line && rest_empty && lines_.line_at(last.start) > lines_.line_at(n.begin)) {
    std::string pad = text_.substr(first_line.begin, last.start - first_line.begin);
    if (last.comma != kNone) {
      splice(end_line.end, end_line.end, "\n" + pad + text + ",");
    } else {
      splice(end_line.end, end_line.end, "\n" + pad + text);
      splice(last.end, last.end, ",");
    }
  } else if (last.comma != kNone) {
    splice(last.comma + 1, last.comma + 1, " " + text + ",");
  } else {
    splice(last.end, last.end, ", " + text);
  }
}

void Document::remove_from_flow(const Node& n, size_t i) {
  size_t count = n.kind == Kind::Map ? n.entries.size() : n.items.size();
  Element el = element(n, i);
  const Line& start_line = lines_.lines[lines_.line_at(el.start)];
  bool starts_line = text_.find_first_not_of(" \t", start_line.begin) == el.start;
  if (i + 1 < count) {
    Element next = element(n, i + 1);
    size_t comma_line = lines_.line_at(el.comma);
    if (starts_line && lines_.line_at(next.start) > comma_line) {
      splice(start_line.begin, lines_.lines[comma_line].next, "");  // its own lines
    } else {
      splice(el.start, next.start, "");
    }
    return;
  }
  Element prev = element(n, i - 1);
  size_t after = el.comma != kNone ? el.comma + 1 : el.end;
  const Line& end_line = lines_.lines[lines_.line_at(after - 1)];
  size_t rest = text_.find_first_not_of(" \t", after);
  bool rest_empty = rest >= end_line.end || text_[rest] == '#';
  if (starts_line && rest_empty && lines_.line_at(el.start) > lines_.line_at(prev.comma)) {
    splice(start_line.begin, end_line.next, "");
    if (el.comma == kNone) splice(prev.comma, prev.comma + 1, "");  // the previous one is last now
  } else if (el.comma != kNone) {
    splice(prev.comma + 1, el.comma + 1, "");
  } else {
    splice(prev.end, el.end, "");
  }
}

}  // namespace kratix::yamledit
