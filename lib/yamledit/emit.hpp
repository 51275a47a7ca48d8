#pragma once
#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

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

// Whether emit_yaml's text of the value ends in a literal block (|): written
// at the end of a file, it needs its line break to keep its value.
bool ends_with_block_scalar(const YAML::Node& value);

// YAML reads an implicit mapping key of at most 1024 characters; emit_yaml
// refuses a longer one (kratix::Error).
inline constexpr size_t kMaxKeyLength = 1024;
// Whether emit_yaml can write `key` as a mapping key (its quoted form fits).
bool writable_key(const std::string& key);

// One-line text of a scalar node, quoted when needed (for "key: value").
std::string scalar_text(const YAML::Node& scalar);

// One-line text of a string (no literal blocks), quoted when its plain form
// would read as something else; for writers that hold no yaml-cpp nodes.
std::string string_text(std::string_view s);
// The same, appended to `out` (no string of its own: writers of large schemas).
void append_string_text(std::string& out, std::string_view s);

// A multi-line string as a literal block: its header ("|-", "|", "|+") and a
// line break, then its lines at `indent`; "" when it cannot be one (control
// characters, a leading line break or space), and for one-line strings.
std::string literal_text(const std::string& s, size_t indent);

// A mapping key as written: plain when every YAML 1.1 and 1.2 reader reads it
// back as that string, quoted otherwise ('on', '144', '').
std::string key_text(const std::string& key);

// One-line flow-style text of any value ({a: 1, b: [x, "two\nlines"]}), for
// writing inside a flow collection.
std::string flow_yaml(const YAML::Node& node);

// Whether two values are the same as written: same structure, same keys in the
// same order, scalars that read back alike (so 'v1' and v1 are, "true" and true are not).
bool same_value(const YAML::Node& a, const YAML::Node& b);

// A string scalar that emit_yaml keeps a string whatever it looks like.
YAML::Node string_node(const std::string& value);

}  // namespace kratix::yamledit
