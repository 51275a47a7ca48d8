#pragma once
// JSON read from files kratix did not write (a chart's values.schema.json,
// credential files): parse errors and values worth a message carry the file,
// line and column, and nesting is bounded (util/nesting.hpp) before anything
// walks the tree.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace kratix::util {

// Parses `text`, the contents of `file`. kratix::Error
// "FILE:LINE:COL: not valid JSON: <why>; <fix>" when it is not JSON, or
// "FILE:LINE:COL: nesting deeper than ..." when it nests too deeply.
nlohmann::json parse_json_file(std::string_view text, const std::string& file, const std::string& fix);

// The JSON pointer ("/properties/a/0") of `node`, a value somewhere inside
// `root` (found by address); "" for the root itself or a value not inside.
std::string json_pointer_of(const nlohmann::json& root, const nlohmann::json* node);

// Where the value at `pointer` starts in `text` (which must be valid JSON):
// {file, line, column}, or {file, 0, 0} when the pointer leads nowhere.
SourceLocation locate_json(std::string_view text, const std::string& pointer, const std::string& file);

// The line and column (1-based) of byte offset `pos` in text.
SourceLocation location_at(std::string_view text, std::size_t pos, const std::string& file);

}  // namespace kratix::util
