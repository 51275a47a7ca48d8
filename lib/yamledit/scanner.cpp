#include "yamledit/scanner.hpp"

#include <cctype>
#include <cstdio>
#include <optional>

#include "core/error.hpp"
#include "util/nesting.hpp"

namespace kratix::yamledit {

namespace {

using Kind = Node::Kind;

class Scanner {
 public:
  Scanner(std::string_view text, const LineTable& lines, const std::string& file, NodeArena& arena, size_t offset)
      : t_(text), lines_(lines.lines), file_(file), arena_(arena), offset_(offset) {}

  Node* run() {
    check_characters();
    size_t li = next_significant(0);
    if (li >= lines_.size()) {
      Node* n = &arena_.emplace_back();
      n->kind = Kind::Null;
      return n;
    }
    check_tabs(li);
    size_t pos = lines_[li].begin + static_cast<size_t>(lines_[li].indent);
    Node* root;
    if (is_dash(pos) || key_at(pos, lines_[li].end)) {
      root = block_at(li, pos);
    } else {
      root = value_after(pos, li, -1, false);
    }
    size_t rest = next_significant(root->last_line + 1);
    if (rest < lines_.size())
      fail(rest, lines_[rest].indent, "unexpected content after the document's top-level value; check its indentation");
    return root;
  }

 private:
  struct Key {
    std::string text;
    size_t begin;
    size_t colon_end;
  };

  [[noreturn]] void fail(size_t li, int col, const std::string& what) const {
    throw Error(SourceLocation{file_, static_cast<int>(li + 1 + offset_), col + 1}, "invalid YAML: " + what);
  }

  [[noreturn]] void fail_at(size_t pos, const std::string& what) const {
    size_t li = line_of(pos);
    fail(li, static_cast<int>(pos - lines_[li].begin), what);
  }

  size_t line_of(size_t pos) const {
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

  // YAML text holds no control characters but tab and line breaks (escapes
  // in double quotes write the others); yaml-cpp drops some, such as NUL,
  // and would then read another key than the scanner sees.
  void check_characters() const {
    for (size_t i = 0; i < t_.size(); ++i) {
      const auto c = static_cast<unsigned char>(t_[i]);
      // A lone CR is a line break to YAML but text to yaml-cpp: neither reading is safe to edit.
      if (c == '\r' && at(i + 1) != '\n')
        fail_at(i, "a carriage return without a line feed; end lines with \\n or \\r\\n");
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", c);
        fail_at(i, std::string("the control character ") + hex +
                       " is not allowed in YAML; remove it (or write it as an escape in double quotes)");
      }
    }
  }

  // A tag holds URI characters only; yaml-cpp ends it at any other, and reads
  // the rest as the value, where the scanner would see the tag go on.
  void check_tag(size_t begin, size_t end) const {
    std::string_view tag = t_.substr(begin, end - begin);
    std::string_view chars = tag.substr(1);
    if (chars.starts_with("<") && chars.ends_with(">")) chars = chars.substr(1, chars.size() - 2);  // !<verbatim>
    for (char c : chars) {
      const bool ok = std::isalnum(static_cast<unsigned char>(c)) != 0 ||
                      std::string_view("-#;/?:@&=+$,_.~*'()[]!%").find(c) != std::string_view::npos;
      if (!ok || static_cast<unsigned char>(c) >= 0x80)
        fail_at(begin, "the tag " + std::string(tag.substr(0, 40)) +
                           " holds a character a YAML tag cannot (letters, digits and -#;/?:@&=+$,_.~*'()!% only); "
                           "fix the tag");
    }
  }

  size_t next_significant(size_t li) const {
    while (li < lines_.size() && (lines_[li].blank || lines_[li].comment)) ++li;
    return li;
  }

  void check_tabs(size_t li) const {
    const Line& l = lines_[li];
    if (static_cast<size_t>(l.indent) < l.end - l.begin && t_[l.begin + static_cast<size_t>(l.indent)] == '\t')
      fail(li, l.indent, "a tab in the indentation; YAML indents with spaces only");
  }

  char at(size_t pos) const { return pos < t_.size() ? t_[pos] : '\0'; }

  bool is_dash(size_t pos) const {
    return at(pos) == '-' && (pos + 1 >= t_.size() || at(pos + 1) == ' ' || at(pos + 1) == '\n' || at(pos + 1) == '\r');
  }

  size_t skip_spaces(size_t pos, size_t end) const {
    while (pos < end && (t_[pos] == ' ' || t_[pos] == '\t')) ++pos;
    return pos;
  }

  // Past the closing quote of a quoted scalar starting at pos (which may run
  // over lines); fails when it is not closed.
  size_t quoted_end(size_t pos) const {
    char q = t_[pos];
    size_t i = pos + 1;
    while (i < t_.size()) {
      if (q == '\'' && t_[i] == '\'') {
        if (at(i + 1) == '\'') {
          i += 2;
          continue;
        }
        return i + 1;
      }
      if (q == '"' && t_[i] == '\\') {
        i += 2;
        continue;
      }
      if (q == '"' && t_[i] == '"') return i + 1;
      ++i;
    }
    fail_at(pos, std::string("the quote ") + q + " is never closed; close it");
  }

  // A mapping key starting at pos on a line ending at end, if the line holds one.
  std::optional<Key> key_at(size_t pos, size_t end) const {
    if (pos >= end) return std::nullopt;
    char c = t_[pos];
    std::string text;
    if (c == '"' || c == '\'') {
      size_t q = quoted_end(pos);
      if (q > end) return std::nullopt;
      text = std::string(t_.substr(pos + 1, q - pos - 2));
      size_t i = skip_spaces(q, end);
      if (i >= end || t_[i] != ':') return std::nullopt;
      if (i + 1 < end && t_[i + 1] != ' ' && t_[i + 1] != '\t') return std::nullopt;
      return Key{text, pos, i + 1};
    }
    if (std::string_view("[]{}#&*!|>%@`,").find(c) != std::string_view::npos) return std::nullopt;
    if (c == '?' && (pos + 1 >= end || t_[pos + 1] == ' '))
      fail_at(pos, "complex keys ('? ') are not supported by kratix; write the key on one line");
    if (c == '-' && (pos + 1 >= end || t_[pos + 1] == ' ')) return std::nullopt;
    for (size_t i = pos; i < end; ++i) {
      if (t_[i] == '#' && i > pos && (t_[i - 1] == ' ' || t_[i - 1] == '\t')) return std::nullopt;
      if (t_[i] == ':' && (i + 1 >= end || t_[i + 1] == ' ' || t_[i + 1] == '\t')) {
        size_t k_end = i;
        while (k_end > pos && (t_[k_end - 1] == ' ' || t_[k_end - 1] == '\t')) --k_end;
        // ": value" and "~: value" are null keys to YAML, which no path of kratix can name.
        if (k_end == pos) fail_at(pos, "a mapping entry without a key; write the key before the ':'");
        const std::string_view plain = t_.substr(pos, k_end - pos);
        if (plain == "~" || plain == "null" || plain == "Null" || plain == "NULL")
          fail_at(pos, "the key " + std::string(plain) + " is null to YAML; quote it ('" + std::string(plain) +
                           "') if it is the text");
        return Key{std::string(plain), pos, i + 1};
      }
    }
    return std::nullopt;
  }

  // End of a plain scalar's text on the line [pos, end): before " #" and trailing spaces.
  size_t plain_end(size_t pos, size_t end) const {
    size_t e = end;
    for (size_t i = pos; i < end; ++i) {
      if (t_[i] == '#' && i > pos && (t_[i - 1] == ' ' || t_[i - 1] == '\t')) {
        e = i;
        break;
      }
    }
    while (e > pos && (t_[e - 1] == ' ' || t_[e - 1] == '\t')) --e;
    return e;
  }

  // Only spaces and a comment from pos (just past a value) to the end of its line?
  bool rest_is_empty(size_t pos, size_t end) const {
    size_t i = skip_spaces(pos, end);
    // A comment is set off by a space ('"y"#' is not one, though yaml-cpp reads it so).
    return i >= end || (t_[i] == '#' && i > pos);
  }

  // The value that starts at byte pos on line li, owned by a key or dash at
  // column owner (-1 at the document root). same_indent_seq: a block sequence
  // may start at the owner's own column (mapping values only).
  Node* value_after(size_t pos, size_t li, int owner, bool same_indent_seq) {
    Node* n = &arena_.emplace_back();
    const Line& l = lines_[li];
    const size_t value_pos = pos;
    pos = skip_spaces(pos, l.end);
    // Anchors and tags come first; aliases stand alone.
    size_t props_end = value_pos;  // past the last anchor or tag: a null value with them spans them
    while (pos < l.end && (t_[pos] == '&' || t_[pos] == '!')) {
      if (t_[pos] == '&') n->anchored = true;
      const size_t token = pos;
      while (pos < l.end && t_[pos] != ' ' && t_[pos] != '\t') ++pos;
      if (t_[token] == '!') check_tag(token, pos);
      props_end = pos;
      pos = skip_spaces(pos, l.end);
    }
    if (pos >= l.end || t_[pos] == '#') {
      // Nothing more on this line: the value is on the next lines, or null.
      size_t next = next_significant(li + 1);
      if (next < lines_.size()) {
        check_tabs(next);
        const Line& nl = lines_[next];
        size_t npos = nl.begin + static_cast<size_t>(nl.indent);
        if (nl.indent > owner) {
          auto child =
              (is_dash(npos) || key_at(npos, nl.end)) ? block_at(next, npos) : value_after(npos, next, owner, false);
          child->anchored = child->anchored || n->anchored;
          return child;
        }
        if (same_indent_seq && nl.indent == owner && is_dash(npos)) {
          auto child = block_at(next, npos);
          child->anchored = child->anchored || n->anchored;
          return child;
        }
      }
      n->kind = Kind::Null;
      n->begin = value_pos;
      n->end = props_end;
      n->first_line = n->last_line = li;
      return n;
    }
    n->begin = pos;
    n->first_line = li;
    char c = t_[pos];
    if (c == '*') {
      n->kind = Kind::Alias;
      n->end = plain_end(pos, l.end);
      n->last_line = li;
    } else if (c == '[' || c == '{') {
      n->kind = Kind::Flow;
      n->flow_map = (c == '{');
      n->end = flow_end(pos);
      n->last_line = line_of(n->end - 1);
      std::string_view inner = t_.substr(pos + 1, n->end - pos - 2);
      n->flow_empty = inner.find_first_not_of(" \t\r\n") == std::string_view::npos;
      if (!rest_is_empty(n->end, lines_[n->last_line].end)) fail_at(n->end, "unexpected text after a flow collection");
    } else if (c == '"' || c == '\'') {
      n->kind = Kind::Scalar;
      n->end = quoted_end(pos);
      n->last_line = line_of(n->end - 1);
      if (!rest_is_empty(n->end, lines_[n->last_line].end))
        fail_at(n->end, "unexpected text after a quoted scalar; quote the whole value");
    } else if (c == '|' || c == '>') {
      n->kind = Kind::BlockScalar;
      n->last_line = li;
      n->end = l.end;
      size_t k = next_nonblank(li + 1);
      int content = k < lines_.size() ? lines_[k].indent : 0;
      if (k < lines_.size() && content > owner) {
        for (size_t m = li + 1; m < lines_.size(); ++m) {
          if (lines_[m].blank) continue;
          if (lines_[m].indent < content) break;
          n->last_line = m;
          n->end = lines_[m].end;
        }
      }
    } else {
      n->kind = Kind::Scalar;
      n->end = plain_end(pos, l.end);
      n->last_line = li;
      if (key_at(pos, l.end))
        fail_at(pos, "a mapping cannot start on the same line as another key's value; put it on its own lines");
      // A plain scalar continues on more-indented lines.
      for (size_t m = li + 1; m < lines_.size(); ++m) {
        if (lines_[m].blank) continue;
        if (lines_[m].comment || lines_[m].indent <= owner) break;
        size_t mpos = lines_[m].begin + static_cast<size_t>(lines_[m].indent);
        if (key_at(mpos, lines_[m].end))
          fail(m, lines_[m].indent,
               "bad indentation: this line is deeper than the value above it; align it with its siblings");
        n->last_line = m;
        n->end = plain_end(mpos, lines_[m].end);
      }
    }
    return n;
  }

  size_t next_nonblank(size_t li) const {
    while (li < lines_.size() && lines_[li].blank) ++li;
    return li;
  }

  size_t flow_end(size_t pos) const {
    int depth = 0;
    size_t i = pos;
    while (i < t_.size()) {
      char c = t_[i];
      if (c == '"' || c == '\'') {
        i = quoted_end(i);
        continue;
      }
      if (c == '#' && i > 0 && (t_[i - 1] == ' ' || t_[i - 1] == '\n')) {
        while (i < t_.size() && t_[i] != '\n') ++i;
        continue;
      }
      if ((c == '[' || c == '{') && ++depth + depth_ > util::kMaxNesting) {
        const size_t li = line_of(i);
        throw util::nesting_error(
            {file_, static_cast<int>(li + 1 + offset_), static_cast<int>(i - lines_[li].begin) + 1});
      }
      if (c == ']' || c == '}') {
        if (--depth == 0) return i + 1;
      }
      ++i;
    }
    fail_at(pos, std::string("the flow collection opened with ") + t_[pos] + " is never closed; close it");
  }

  // A block mapping or sequence whose first key or dash is at byte pos on line li.
  Node* block_at(size_t li, size_t pos) {
    int col = static_cast<int>(pos - lines_[li].begin);
    // Every level of nesting passes here: bound it before the stack runs out.
    util::NestingLevel level(depth_);
    if (level.too_deep()) throw util::nesting_error({file_, static_cast<int>(li + 1 + offset_), col + 1});
    return is_dash(pos) ? seq(li, pos, col) : map(li, pos, col);
  }

  // The line after the node that is significant, checking its indentation.
  size_t after(const Node& n) const { return next_significant(n.last_line + 1); }

  Node* map(size_t li, size_t pos, int indent) {
    Node* n = &arena_.emplace_back();
    n->kind = Kind::Map;
    n->indent = indent;
    n->begin = pos;
    n->first_line = li;
    while (true) {
      auto key = key_at(pos, lines_[li].end);
      if (!key)
        fail(li, static_cast<int>(pos - lines_[li].begin), "expected a 'key: value' line here; check the indentation");
      Node::Entry e;
      e.key = key->text;
      e.key_begin = key->begin;
      e.line = li;
      e.colon_end = key->colon_end;
      for (const auto& other : n->entries) {
        if (other.key == e.key) fail(li, indent, "the key '" + e.key + "' appears twice in this mapping; keep one");
      }
      e.value = value_after(key->colon_end, li, indent, true);
      n->last_line = std::max(e.value->last_line, li);
      n->end = e.value->kind == Kind::Null ? lines_[li].end : e.value->end;
      if (e.value->is_collection()) n->end = e.value->end;
      n->entries.push_back(std::move(e));
      size_t next = after(*n);
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

  Node* seq(size_t li, size_t pos, int indent) {
    Node* n = &arena_.emplace_back();
    n->kind = Kind::Seq;
    n->indent = indent;
    n->begin = pos;
    n->first_line = li;
    while (true) {
      Node::Item item;
      item.line = li;
      item.dash = pos;
      item.content = pos + 1;
      size_t c = skip_spaces(pos + 1, lines_[li].end);
      if (c < lines_[li].end && t_[c] != '#' && (is_dash(c) || key_at(c, lines_[li].end))) {
        item.value = block_at(li, c);  // "- key: value" or "- - x": a collection starting inline
      } else {
        item.value = value_after(pos + 1, li, indent, false);
      }
      n->last_line = std::max(item.value->last_line, li);
      n->end = item.value->kind == Kind::Null ? lines_[li].end : item.value->end;
      n->items.push_back(item);
      size_t next = after(*n);
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
  void extend_with_comments(Node& n, int indent) const {
    for (size_t m = n.last_line + 1; m < lines_.size(); ++m) {
      if (lines_[m].blank) continue;
      if (!lines_[m].comment || lines_[m].indent < indent) break;
      n.last_line = m;
      n.end = lines_[m].end;
    }
  }

  std::string_view t_;
  const std::vector<Line>& lines_;
  const std::string& file_;
  NodeArena& arena_;
  size_t offset_;
  int depth_ = 0;  // block collections open around the one being scanned
};

}  // namespace

Node* scan(std::string_view text, const LineTable& lines, const std::string& filename, NodeArena& arena,
           size_t line_offset) {
  arena.clear();
  return Scanner(text, lines, filename, arena, line_offset).run();
}

}  // namespace kratix::yamledit
