#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kratix::util {

// Splits text into words as a POSIX shell would, without expansions: blanks
// separate words, '...' is literal, "..." allows \" \\ \$ \` escapes, and a
// backslash outside quotes escapes the next character. An unterminated quote
// throws kratix::UsageError naming `what`.
std::vector<std::string> split_shell_words(std::string_view text, std::string_view what = "the arguments");

// Quotes a word for a POSIX shell when it needs quoting.
std::string shell_quote(std::string_view word);

// The words joined with spaces, each quoted when needed.
std::string shell_join(const std::vector<std::string>& words);

}  // namespace kratix::util
