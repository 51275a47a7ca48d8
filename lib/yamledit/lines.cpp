#include "yamledit/lines.hpp"

#include <algorithm>

namespace kratix::yamledit {

LineTable LineTable::of(std::string_view text) {
  LineTable t;
  size_t pos = 0;
  size_t crlf = 0, lf = 0;
  while (pos < text.size()) {
    Line l;
    l.begin = pos;
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) {
      l.end = text.size();
      l.next = text.size();
      t.final_newline = false;
    } else {
      l.end = nl;
      l.next = nl + 1;
      if (nl > pos && text[nl - 1] == '\r') {
        l.end = nl - 1;
        ++crlf;
      } else {
        ++lf;
      }
    }
    size_t i = l.begin;
    while (i < l.end && text[i] == ' ') ++i;
    l.indent = static_cast<int>(i - l.begin);
    l.blank = (i == l.end);
    l.comment = !l.blank && text[i] == '#';
    t.lines.push_back(l);
    pos = l.next;
  }
  t.crlf = crlf > lf;
  return t;
}

size_t LineTable::line_at(size_t pos) const {
  auto it = std::upper_bound(lines.begin(), lines.end(), pos, [](size_t p, const Line& l) { return p < l.begin; });
  return it == lines.begin() ? 0 : static_cast<size_t>(it - lines.begin()) - 1;
}

}  // namespace kratix::yamledit
