#pragma once
#include <deque>
#include <string>
#include <vector>

namespace kratix::yamledit {

// Where a value sits in the text, and what it is, as the scanner found it.
struct Node {
  enum class Kind {
    Map,          // block mapping
    Seq,          // block sequence
    Scalar,       // plain or quoted scalar (maybe over several lines)
    BlockScalar,  // | or > scalar
    Flow,         // [ ... ] or { ... }
    Null,         // nothing written (key: with no value)
    Alias,        // *name
  };
  struct Entry;
  struct Item;

  Kind kind = Kind::Null;
  size_t begin = 0;       // first byte of the value (key or dash for block collections)
  size_t end = 0;         // one past its last byte (line ending excluded)
  size_t first_line = 0;  // lines the value covers
  size_t last_line = 0;
  int indent = -1;             // block collections: the column of their keys or dashes
  bool anchored = false;       // carries &anchor (edits refuse to touch it)
  bool flow_map = false;       // Flow: '{' rather than '['
  bool flow_empty = false;     // Flow: {} or []
  std::vector<Entry> entries;  // Map
  std::vector<Item> items;     // Seq

  bool is_collection() const { return kind == Kind::Map || kind == Kind::Seq; }
};

struct Node::Entry {
  std::string key;
  size_t key_begin = 0;
  size_t line = 0;        // the key's line
  size_t colon_end = 0;   // just past the ':'
  Node* value = nullptr;  // owned by the document's node arena
};

struct Node::Item {
  size_t line = 0;
  size_t dash = 0;     // the '-'
  size_t content = 0;  // just past "-"
  Node* value = nullptr;
};

// Every node of a scanned document lives here: one allocation block per many
// nodes, dropped at once.
using NodeArena = std::deque<Node>;

}  // namespace kratix::yamledit
