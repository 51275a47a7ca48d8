#pragma once

namespace kratix::util {

// True when output to fd may be coloured: fd is a terminal, NO_COLOR is unset
// (or empty) and TERM is not "dumb".
bool color_enabled(int fd);

// True when fd is a terminal.
bool is_terminal(int fd);

}  // namespace kratix::util
