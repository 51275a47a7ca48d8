#pragma once
// The scanner's state and helpers, shared by its block part (scanner.cpp),
// its flow part (flow_scanner.cpp) and its character-level helpers
// (scan_tokens.cpp). Internal to yamledit.
#include <optional>
#include <string>
#include <string_view>

#include "yamledit/lines.hpp"
#include "yamledit/node.hpp"
#include "yamledit/tokens.hpp"

namespace kratix::yamledit::detail {

// "!t *a", "&b *a": an alias is its anchor's node and takes no properties.
inline constexpr const char* kAliasWithProperties =
    "an alias cannot carry a tag or an anchor of its own (YAML readers refuse it); remove them, or write the value "
    "out";

class Scanner {
 public:
  Scanner(std::string_view text, const LineTable& lines, const std::string& file, Tree& tree, size_t offset)
      : t_(text), lines_(lines.lines), file_(file), tree_(tree), offset_(offset) {}

  Node* run();

 private:
  using Kind = Node::Kind;
  using Style = Node::Style;

  using Key = KeyToken;

  // Every nested collection, block or flow, is entered through here: the one
  // place where nesting depth is counted and bounded.
  class Level {
   public:
    explicit Level(int& depth) : depth_(depth) { ++depth_; }
    ~Level() { --depth_; }
    Level(const Level&) = delete;
    Level& operator=(const Level&) = delete;

   private:
    int& depth_;
  };
  // util::kMaxNesting levels at most: "FILE:LINE:COL: nesting deeper than ...".
  [[nodiscard]] Level enter(size_t pos);

  // Errors and positions.
  [[noreturn]] void fail(size_t li, int col, const std::string& what) const;
  [[noreturn]] void fail_at(size_t pos, const std::string& what) const;
  size_t line_of(size_t pos) const;
  Node* new_node(Kind kind, size_t begin);
  Node* new_block(Kind kind, size_t li, size_t pos, int indent);
  // Moves the &anchor and !tag read into `from` (a node that is then dropped) to `to`.
  Node* carry_props(Node& from, Node* to, bool same_line);

  // Characters.
  char at(size_t pos) const { return pos < t_.size() ? t_[pos] : '\0'; }
  static bool is_blank(char c) { return c == ' ' || c == '\t'; }
  static bool is_break(char c) { return c == '\n' || c == '\r' || c == '\0'; }
  static bool is_flow_indicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }
  bool is_dash(size_t pos) const { return at(pos) == '-' && (is_blank(at(pos + 1)) || is_break(at(pos + 1))); }
  bool is_explicit(size_t pos, char c) const {
    return at(pos) == c && (is_blank(at(pos + 1)) || is_break(at(pos + 1)));
  }
  size_t skip_spaces(size_t pos, size_t end) const {
    while (pos < end && is_blank(t_[pos])) ++pos;
    return pos;
  }
  bool rest_is_empty(size_t pos, size_t end) const {
    size_t i = skip_spaces(pos, end);
    return i >= end || t_[i] == '#';
  }
  // The '#' of a comment in [pos, end) when only spaces come before it.
  size_t comment_in(size_t pos, size_t end) const {
    size_t i = skip_spaces(pos, end);
    return i < end && t_[i] == '#' ? i : kNone;
  }
  // The '#' of a comment in [pos, end) after spaces and &anchor/!tag properties.
  size_t comment_after_props(size_t pos, size_t end) const;
  size_t quoted_end(size_t pos) const;  // past the closing quote of the scalar at pos
  // Reads &anchor and !tag properties at pos into n; returns the first byte after them.
  size_t read_props(Node& n, size_t pos, size_t end, bool flow);

  // Characters YAML text cannot hold (control characters, a lone CR), and
  // tags holding characters a tag cannot: errors at their place, since
  // yaml-cpp would read other values there than the scanner (scan_tokens.cpp).
  void check_characters() const;
  void check_tag(size_t begin, size_t end) const;
  void check_plain_start(size_t pos) const;  // '%', '@', '`', ',', ']' and '}' cannot start a plain scalar

  // Lines, keys and plain scalars (scan_tokens.cpp), block structure (scanner.cpp).
  size_t next_significant(size_t li) const;
  size_t next_nonblank(size_t li) const;
  void check_tabs(size_t li) const;
  // An implicit key (one without '? ') spanning [begin, end) is at most
  // kMaxKeyLength long (emit.hpp).
  void check_key_length(size_t begin, size_t end) const;
  // Two scalar keys with the same value in one mapping, whatever their tags
  // or anchors (yaml-cpp compares keys by their text): an error at e's key.
  void check_unique_key(const Node& map, const Node::Entry& e, size_t li, int col) const;
  std::optional<Key> key_at(size_t pos, size_t end) const;
  bool starts_block(size_t pos, size_t end) const {
    return is_dash(pos) || is_explicit(pos, '?') || key_at(pos, end).has_value();
  }
  size_t plain_end(size_t pos, size_t end, size_t& comment) const;
  Node* value_after(size_t pos, size_t li, int owner, bool same_indent_seq, bool inline_block);
  Node* value_below(Node* n, size_t li, int owner, bool same_indent_seq);
  void block_scalar(Node& n, size_t pos, size_t li, int owner);
  void plain_scalar(Node& n, size_t pos, size_t li, int owner);
  Node* block_at(size_t li, size_t pos);
  Node* map(size_t li, size_t pos, int indent);
  Node* seq(size_t li, size_t pos, int indent);
  void extend_with_comments(Node& n, int indent) const;
  void finish_inline(Node& n, const char* what);

  // Flow collections (flow_scanner.cpp).
  Node* flow_collection(size_t& pos);
  Node* flow_value(size_t& pos);
  Node* flow_pair(size_t& pos, Node::Entry& e, Node*& key_node, bool& pair);
  size_t flow_space(size_t pos) const;
  size_t flow_plain_end(size_t pos) const;
  size_t flow_token_end(size_t pos) const;

  std::string_view t_;
  const std::vector<Line>& lines_;
  const std::string& file_;
  Tree& tree_;
  size_t offset_;
  int depth_ = 0;  // collections open around the one being scanned
};

}  // namespace kratix::yamledit::detail
