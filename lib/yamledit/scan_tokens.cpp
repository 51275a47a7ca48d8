// The scanner's character-level part: positions and errors, new nodes,
// quoted scalars, properties (&anchor, !tag), keys and plain scalars on a line.
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>

#include "core/error.hpp"
#include "yamledit/emit.hpp"
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

void Scanner::check_unique_key(const Node& map, const Node::Entry& e, size_t li, int col) const {
  if (!e.text_key) return;
  for (const auto& other : map.entries) {
    if (other.text_key && other.key == e.key)
      fail(li, col, "the key '" + e.key + "' appears twice in this mapping; keep one");
  }
}

size_t Scanner::quoted_end(size_t pos) const {
  const size_t end = quoted_scalar_end(t_, pos);
  if (end == kNone) fail_at(pos, std::string("the quote ") + t_[pos] + " is never closed; close it");
  return end;
}

namespace {

// True when none of the 8 bytes of w needs a look: each is printable ASCII
// or a line feed, and none is '%'. Byte-wise tests without carries between
// bytes, since every byte is below 0x80 once the first test passes.
bool plain_word(uint64_t w) {
  constexpr uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
  if ((w & high) != 0) return false;                   // not ASCII
  const uint64_t control = ~(w + 0x60 * ones) & high;  // below 0x20
  const uint64_t line_feed = ~((w ^ (0x0a * ones)) + 0x7f * ones) & high;
  const uint64_t del = (w + ones) & high;  // 0x7f
  const uint64_t percent = ~((w ^ (0x25 * ones)) + 0x7f * ones) & high;
  return ((control & ~line_feed) | del | percent) == 0;
}

}  // namespace

void Scanner::check_characters() const {
  // Printable ASCII other than '%' needs no look: eight bytes at a time, or
  // one table lookup a byte.
  static constexpr auto plain = [] {
    std::array<bool, 256> p{};
    for (int c = 0x20; c < 0x7f; ++c) p[static_cast<size_t>(c)] = c != '%';
    return p;
  }();
  for (size_t i = 0; i < t_.size(); ++i) {
    while (i + 8 <= t_.size()) {
      uint64_t w = 0;
      std::memcpy(&w, t_.data() + i, 8);
      if (!plain_word(w)) break;
      i += 8;
    }
    if (i >= t_.size()) break;
    if (plain[static_cast<unsigned char>(t_[i])]) continue;
    // yaml-cpp takes such a line for a directive wherever it is, and skips it.
    if (t_[i] == '%' && (i == 0 || t_[i - 1] == '\n'))
      fail_at(i,
              "a line starting with '%' is a YAML directive, allowed only before a '---' line; quote the value "
              "or move the directive");
    const auto c = static_cast<unsigned char>(t_[i]);
    // U+FEFF past the file's first bytes: yaml-cpp reads it as text, and an
    // edit that puts it first makes it a byte order mark (a key "\uFEFF"
    // became no key).
    if (c == 0xEF && (i > 0 || offset_ > 0) && t_.substr(i, 3) == "\xEF\xBB\xBF")
      fail_at(i, "a byte order mark (U+FEFF) inside the file; remove it (only a file's first bytes may be one)");
    if (c < 0x20 || c >= 0x7f) {
      size_t len = 1;
      std::string problem = character_problem(t_, i, len);
      if (!problem.empty()) fail_at(i, problem);
      i += len - 1;
    }
  }
}

void Scanner::check_tag(size_t begin, size_t end) const {
  std::string_view tag = t_.substr(begin, end - begin);
  std::string_view chars = tag.substr(1);
  // A verbatim tag (!<...>) may hold any URI character; a shorthand one not
  // the flow indicators ",[]{}" (yaml-cpp ends the tag there).
  const bool verbatim = chars.starts_with("<") && chars.ends_with(">");
  if (verbatim) chars = chars.substr(1, chars.size() - 2);
  const std::string_view allowed = verbatim ? "-#;/?:@&=+$,_.~*'()[]!%" : "-#;/?:@&=+$_.~*'()!%";
  // "!:" is a tag to YAML, the tag "!" and a ':' to yaml-cpp.
  if (!verbatim && tag.ends_with(":"))
    fail_at(begin, "the tag " + std::string(tag.substr(0, 40)) +
                       " ends with ':', which YAML readers take for the ':' after a key; put a space before the ':' "
                       "or quote the key");
  for (char c : chars) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) != 0 || allowed.find(c) != std::string_view::npos;
    if (!ok || static_cast<unsigned char>(c) >= 0x80)
      fail_at(begin, "the tag " + std::string(tag.substr(0, 40)) +
                         " holds a character a YAML tag cannot (letters, digits and -#;/?:@&=+$_.~*'()!% only, and ,[] "
                         "inside !<...>); "
                         "fix the tag");
  }
}

void Scanner::check_plain_start(size_t pos) const {
  const char c = at(pos);
  // '#' gets here only where no blank comes before it ("[#x", "a,#x"): no
  // comment to YAML, a comment to yaml-cpp.
  if (c == '%' || c == '@' || c == '`' || c == ',' || c == ']' || c == '}' || c == '#')
    fail_at(pos, std::string("a plain value cannot start with '") + c + "' (YAML reserves it); quote the value");
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
      check_tag(token, pos);
      n.tag = token;
      n.tag_len = pos - token;
    }
    pos = flow ? flow_space(pos) : skip_spaces(pos, end);
  }
  return pos;
}

// A mapping key starting at pos on a line ending at end, if the line holds one.
std::optional<Scanner::Key> Scanner::key_at(size_t pos, size_t end) const {
  // Properties of the key ("&a key: v", "!!str 1: v"): a tag holds URI characters only.
  size_t first = pos;
  while (first < end && (t_[first] == '&' || t_[first] == '!')) {
    const size_t token = first;
    while (first < end && !is_blank(t_[first])) ++first;
    if (t_[token] == '!') check_tag(token, first);
    first = skip_spaces(first, end);
  }
  // An alias is its anchor's node: it takes no tag or anchor of its own.
  if (first > pos && first < end && t_[first] == '*') fail_at(pos, kAliasWithProperties);
  // ": value" is a null key to YAML, which no path of kratix can name.
  if (first < end && t_[first] == ':' && (first + 1 >= end || is_blank(t_[first + 1])))
    fail_at(first, "a mapping entry without a key; write the key before the ':'");
  size_t unclosed = kNone;
  std::optional<Key> key = key_token(t_, pos, end, &unclosed);
  if (unclosed != kNone) quoted_end(unclosed);  // fails, naming the quote
  // "~: value" is a null key to YAML too (with a tag, such as !!str, it is text).
  if (key && !key->complex && t_[first] != '"' && t_[first] != '\'' &&
      (key->text == "~" || key->text == "null" || key->text == "Null" || key->text == "NULL"))
    fail_at(first, "the key " + key->text + " is null to YAML; quote it ('" + key->text + "') if it is the text");
  if (key) check_key_length(key->begin, key->end);
  return key;
}

void Scanner::check_key_length(size_t begin, size_t end) const {
  // YAML readers (yaml-cpp, Go's) stop looking for a key's ':' after 1024 characters.
  if (end - begin > kMaxKeyLength)
    fail_at(begin, "a key longer than " + std::to_string(kMaxKeyLength) +
                       " characters, which YAML does not allow; shorten it (or write it as '? key')");
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
