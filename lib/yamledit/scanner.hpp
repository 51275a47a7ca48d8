#pragma once
#include <string>
#include <string_view>

#include "yamledit/lines.hpp"
#include "yamledit/node.hpp"

namespace kratix::yamledit {

// Scans one YAML document (no "---" inside) and records where every mapping
// entry, sequence item, key, value, comma and comment is. It understands block
// mappings and sequences (indented or not under their key), flow collections
// ([ ] and { }, over several lines, with comments), plain, quoted and block
// scalars over several lines, explicit '? ' keys, anchors, tags and aliases.
// Values are decoded on demand (scalar.hpp). Malformed structure throws
// kratix::Error "FILE:LINE:COL: ..."; `line_offset` is added to reported line
// numbers (documents of a stream). Returns the root; the nodes go into `tree`.
Node* scan(std::string_view text, const LineTable& lines, const std::string& filename, Tree& tree,
           size_t line_offset = 0);

}  // namespace kratix::yamledit
