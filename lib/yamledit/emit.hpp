#pragma once
#include <yaml-cpp/yaml.h>

#include <string>

namespace kratix::yamledit {

// How new YAML text is laid out, to match the file it goes into.
struct Style {
  int step = 2;                  // spaces per level
  bool indent_sequences = true;  // "key:\n  - a" rather than "key:\n- a"
};

// Block-style YAML text of a node at column `indent`, keys in their order. Strings stay strings: a scalar that was
// quoted in its source (or made with string_node) is quoted again when its plain form would read as something else
// ('true', '123', ''). Multi-line strings become literal blocks (|- or |; one ending in more than one line break is
// double-quoted). Flow style is kept for collections of scalars only; empty collections are {} and []. A key longer
// than YAML allows (kMaxKeyLength as written) is a kratix::Error.
std::string emit_yaml(const YAML::Node& node, const Style& style = {}, int indent = 0);

// Whether emit_yaml writes the value on one line (a scalar, an empty or a flow
// collection), so that it can follow "key: " directly.
bool emits_inline(const YAML::Node& value);

// One-line text of a scalar node, quoted when needed (for "key: value").
std::string scalar_text(const YAML::Node& scalar);

// Whether emit_yaml's text of the value ends with a literal block whose last
// line break belongs to the string: that text cannot drop its final newline.
bool ends_in_line_break(const YAML::Node& value);

// YAML reads an implicit mapping key of at most 1024 characters.
inline constexpr size_t kMaxKeyLength = 1024;
// Whether emit_yaml can write `key` as a mapping key (its quoted form fits).
bool writable_key(const std::string& key);

// A string scalar that emit_yaml keeps a string whatever it looks like.
YAML::Node string_node(const std::string& value);

}  // namespace kratix::yamledit
