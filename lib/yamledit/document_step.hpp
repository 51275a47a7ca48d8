#pragma once
// Internal to yamledit: a node on a path through a Document, with how its
// parent holds it (shared by document.cpp and the splicing in edit.cpp and
// flow_edit.cpp).
#include <string_view>

#include "yamledit/document.hpp"

namespace kratix::yamledit {

struct Document::Step {
  const Node* node = nullptr;
  const Node* parent = nullptr;
  size_t index = 0;
  size_t value_start = 0;  // just past the ':' or '-' that holds the value (flow: the ':' or the item)
  int owner_indent = -1;   // the column of the parent's keys or dashes; -1 for the root and in flow
  bool root = true;
  bool in_item = false;  // the parent is a sequence
  bool in_flow = false;  // the parent is a flow collection
  const Node::Entry* entry = nullptr;
  const Node::Item* item = nullptr;
};

// Null, or a plain null (~, null): a value that a new collection replaces.
inline bool is_nothing(const Node& n, std::string_view text) {
  if (n.kind == Node::Kind::Null) return n.tag == kNone;
  if (n.kind != Node::Kind::Scalar || n.style != Node::Style::Plain || n.tag != kNone) return false;
  std::string_view v = text.substr(n.begin, n.end - n.begin);
  return v == "~" || v == "null" || v == "Null" || v == "NULL";
}

}  // namespace kratix::yamledit
