#include "run/env_file.hpp"

#include "fs/atomic_write.hpp"
#include "run/errors.hpp"

namespace kratix::run {

process::Env parse_env_lines(const std::string& text, const std::string& file) {
  process::Env out;
  size_t pos = 0;
  int line_no = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::string line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    line.erase(0, start);
    size_t eq = line.find('=');
    if (eq == std::string::npos || eq == 0) refuse({file, line_no, 1}, "expected KEY=VALUE, found '" + line + "'");
    std::string key = line.substr(0, eq);
    if (key.find_first_of(" \t") != std::string::npos)
      refuse({file, line_no, 1}, "the name '" + key + "' holds a space; write KEY=VALUE");
    out.emplace_back(key, line.substr(eq + 1));
  }
  return out;
}

process::Env read_env_file(const std::filesystem::path& file) {
  std::string text = as_input_error([&] { return fs::read_file(file); });
  return parse_env_lines(text, file.string());
}

std::pair<std::string, std::string> parse_assignment(const std::string& text, const std::string& flag) {
  size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) throw UsageError(flag + " '" + text + "' is not NAME=VALUE");
  return {text.substr(0, eq), text.substr(eq + 1)};
}

}  // namespace kratix::run
