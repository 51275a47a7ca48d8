#include <cstdio>

#include "commands.hpp"

namespace kratix::cli {

void print(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  if (text.empty() || text.back() != '\n') std::fputc('\n', stdout);
}

std::string examples(std::initializer_list<std::pair<const char*, const char*>> items) {
  std::string out = "Examples:\n";
  for (const auto& [comment, command] : items) {
    out += std::string("  # ") + comment + "\n  " + command + "\n\n";
  }
  out.pop_back();
  return out;
}

}  // namespace kratix::cli
