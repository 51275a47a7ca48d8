#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kratix::yamledit {

// One line of a text: [begin, end) without its line ending; next is where the
// following line begins (end + 1 or + 2 for CRLF, or end at the end of text).
struct Line {
  size_t begin = 0;
  size_t end = 0;
  size_t next = 0;
  int indent = 0;        // leading spaces
  bool blank = false;    // nothing but spaces
  bool comment = false;  // first non-space character is '#'
};

// The lines of a text, and its conventions.
struct LineTable {
  std::vector<Line> lines;
  bool crlf = false;          // the text's line ending is "\r\n"
  bool final_newline = true;  // the text ends with a line ending (or is empty)

  static LineTable of(std::string_view text);
  std::string_view eol() const { return crlf ? "\r\n" : "\n"; }
  // Index of the line holding byte offset pos.
  size_t line_at(size_t pos) const;
};

}  // namespace kratix::yamledit
