#pragma once
// The block scanner's rules for quotes, keys, plain scalars and comments, as
// free functions: the scanner (scan_tokens.cpp) is made of them, and so are
// readers that look at one line at a time and must read it as the scanner
// would (the chart repository index, chart/repo_index.cpp).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kratix::yamledit {

// Past the closing quote of the quoted scalar at t[pos] ('...' with '' for a
// quote, "..." with backslash escapes); npos when it never closes in t.
std::size_t quoted_scalar_end(std::string_view t, std::size_t pos);

// End of a plain scalar's text in [pos, end): before a comment (" #", whose
// '#' goes to `comment`, npos when there is none) and trailing blanks.
std::size_t plain_scalar_end(std::string_view t, std::size_t pos, std::size_t end, std::size_t& comment);

struct KeyToken {
  std::string text;       // decoded
  std::size_t begin;      // first byte (its properties included)
  std::size_t end;        // one past the key
  std::size_t colon_end;  // just past ':'
  bool complex;           // an alias or a key with properties
  bool alias = false;     // an alias ("*a: v")
};

// The mapping key starting at t[pos] on a line ending at `end`, if the line
// holds one ("key:", "'quoted key': ", "&a key: "). When the key is quoted
// and its quote never closes in t, `unclosed` (if given) gets the quote's
// position.
std::optional<KeyToken> key_token(std::string_view t, std::size_t pos, std::size_t end,
                                  std::size_t* unclosed = nullptr);

// The scalar standing alone in `v`, the rest of a line after "key: " or "- ",
// decoded: a plain scalar up to a comment, or a quoted one followed by nothing
// but a comment. nullopt for what a line cannot hold by itself: block scalars,
// flow collections, anchors, aliases, tags, reserved indicators, a quote that
// does not close on the line.
std::optional<std::string> line_scalar(std::string_view v);

// What is wrong with the character starting at t[i] anywhere in a YAML
// text, comments included: a control character (tab, LF and CR aside), a
// carriage return without a line feed, or bytes that are not UTF-8. Empty
// when nothing is; `len` gets the character's length in bytes.
std::string character_problem(std::string_view t, std::size_t i, std::size_t& len);

}  // namespace kratix::yamledit
