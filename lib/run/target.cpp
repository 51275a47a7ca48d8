#include <stdlib.h>

#include "core/error.hpp"
#include "run/runner.hpp"

namespace stdfs = std::filesystem;

namespace kratix::run {

std::string Target::label() const {
  std::string out = lifecycle + "/" + action;
  if (!pipeline.empty()) out += "/" + pipeline;
  if (!container.empty()) out += "/" + container;
  return out;
}

Target parse_target(const std::string& text, const std::string& container, bool with_pipeline) {
  Target t;
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t slash = text.find('/', start);
    parts.push_back(text.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  size_t want = with_pipeline ? 3 : 2;
  if (parts.size() != want)
    throw UsageError("'" + text + "' is not " + (with_pipeline ? "LIFECYCLE/ACTION/PIPELINE" : "LIFECYCLE/ACTION") +
                     "; use e.g. " + (with_pipeline ? "resource/configure/instance" : "resource/configure"));
  t.lifecycle = parts[0];
  t.action = parts[1];
  if (t.lifecycle != "promise" && t.lifecycle != "resource")
    throw UsageError("invalid lifecycle '" + t.lifecycle + "' in '" + text + "'; use promise or resource");
  if (t.action != "configure" && t.action != "delete")
    throw UsageError("invalid action '" + t.action + "' in '" + text + "'; use configure or delete");
  if (with_pipeline) {
    t.pipeline = parts[2];
    if (t.pipeline.empty()) throw UsageError("'" + text + "' names no pipeline; use e.g. resource/configure/instance");
  }
  t.container = container;
  return t;
}

stdfs::path make_temp_dir() {
  std::string tmpl = (stdfs::temp_directory_path() / "kratix-test-XXXXXX").string();
  if (!::mkdtemp(tmpl.data()))
    throw Error("cannot create a temporary directory in " + stdfs::temp_directory_path().string());
  return tmpl;
}

}  // namespace kratix::run
