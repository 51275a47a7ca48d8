#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace kratix::yamledit {

inline constexpr size_t kNone = static_cast<size_t>(-1);

// Where a value sits in the text, and what it is, as the scanner found it.
// Positions are byte offsets into the scanned text; lines are indexes into its
// LineTable. Block and flow collections have the same shape (entries, items),
// so a path walks into `{a: [1, 2]}` as it walks into the block equivalent.
struct Node {
  enum class Kind : std::uint8_t {
    Map,     // block mapping or { ... }
    Seq,     // block sequence or [ ... ]
    Scalar,  // plain, quoted or block (| >) scalar
    Null,    // nothing written (key: with no value)
    Alias,   // *name
  };
  // How a collection or scalar is written.
  enum class Style : std::uint8_t { Block, Flow, Plain, Single, Double, Literal, Folded };
  struct Entry;
  struct Item;

  Kind kind = Kind::Null;
  Style style = Style::Plain;
  bool anchored = false;  // carries &anchor (edits refuse to touch it)
  char chomp = 0;         // block scalars: '-' strip, '+' keep, 0 clip
  int indent = -1;        // block collections: column of their keys or dashes; block scalars: of their content
  size_t begin = 0;       // first byte of the value (after its &anchor/!tag); block collections: first key or dash
  size_t end = 0;         // one past its last byte (line ending excluded)
  size_t first_line = 0;  // lines the value covers
  size_t last_line = 0;
  size_t props = kNone;        // first byte of its &anchor / !tag, when it has some
  size_t anchor = kNone;       // the '&' of its anchor
  size_t tag = kNone;          // the '!' of its tag
  size_t tag_len = 0;          // the length of its tag
  size_t comment = kNone;      // the '#' of a comment after it on its last line (inline values)
  std::vector<Entry> entries;  // Map
  std::vector<Item> items;     // Seq

  bool is_collection() const { return kind == Kind::Map || kind == Kind::Seq; }
  bool is_flow() const { return style == Style::Flow; }
  bool is_block_collection() const { return is_collection() && style == Style::Block; }
  bool is_empty_flow() const { return is_flow() && entries.empty() && items.empty(); }
  bool is_block_scalar() const { return style == Style::Literal || style == Style::Folded; }
  // Where its text starts, properties included.
  size_t start() const { return props == kNone ? begin : props; }
};

struct Node::Entry {
  std::string key;         // the key's string value
  size_t key_begin = 0;    // first byte of the key ('?' of an explicit key, or its properties)
  size_t key_end = 0;      // one past it
  size_t line = 0;         // the key's line
  size_t colon_end = 0;    // just past the ':' (key_end when there is none: "{a, b}")
  size_t comma = kNone;    // flow: the ',' after the entry
  size_t comment = kNone;  // the '#' of a comment on the key's line when the value starts below
  bool complex = false;    // an explicit '? ' key, or a key that is not a plain string (edits refuse it)
  bool text_key = false;   // a scalar key (properties or not, no alias): `key` is what readers compare
  Node* value = nullptr;   // owned by the document's tree
};

struct Node::Item {
  size_t line = 0;
  size_t dash = 0;         // the '-' (flow: the item's first byte)
  size_t content = 0;      // just past "-" (flow: the item's first byte)
  size_t comma = kNone;    // flow: the ',' after the item
  size_t comment = kNone;  // the '#' of a comment on the dash's line when the value starts below
  bool complex = false;    // flow: a "key: value" pair written as an item (edits refuse it)
  Node* value = nullptr;
};

// Every node of a scanned document lives here: one allocation block per many
// nodes, dropped at once.
using NodeArena = std::deque<Node>;

// A scanned document: its nodes, its root and its anchors in text order.
struct Tree {
  NodeArena nodes;
  std::vector<const Node*> anchors;
  Node* root = nullptr;
  bool complex_keys = false;  // some mapping has an explicit '? ' key
};

}  // namespace kratix::yamledit
