#pragma once
#include <string>
#include <string_view>

#include "yamledit/node.hpp"

namespace kratix::yamledit {

// The string a scalar node stands for, decoded from the text it was scanned
// from: plain and quoted scalars folded over their lines, escapes of double
// quotes resolved, block scalars (| >) with their indentation removed and
// their chomping applied. "" for a Null node.
std::string scalar_value(std::string_view text, const Node& n);

// The string of a quoted scalar written with its quotes ('...' or "...").
std::string decode_quoted(std::string_view quoted);

}  // namespace kratix::yamledit
