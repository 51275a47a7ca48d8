#pragma once
#include <string>
#include <string_view>

#include "yamledit/lines.hpp"
#include "yamledit/node.hpp"

namespace kratix::yamledit {

// Scans the block structure of one YAML document (no "---" inside) and records
// where every mapping entry, sequence item and value is. It understands block
// mappings and sequences (indented or not under their key), plain, quoted and
// block scalars over several lines, flow collections, comments, anchors, tags
// and aliases. Malformed structure throws kratix::Error "FILE:LINE:COL: ...";
// `line_offset` is added to reported line numbers (documents of a stream).
// The nodes go into `arena`; the root is returned.
Node* scan(std::string_view text, const LineTable& lines, const std::string& filename, NodeArena& arena,
           size_t line_offset = 0);

}  // namespace kratix::yamledit
