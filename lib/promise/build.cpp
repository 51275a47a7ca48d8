#include "promise/build.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "fs/atomic_write.hpp"
#include "promise/layout.hpp"
#include "promise/names.hpp"
#include "promise/read.hpp"
#include "scaffold/render.hpp"

namespace stdfs = std::filesystem;

namespace kratix::promise {

namespace {

// The text of a single-document file, ready to be indented under a key:
// without a leading "---" line or a "..." end marker, ending in a newline.
std::string body_of(std::string text, size_t* dropped_lines = nullptr) {
  size_t dropped = 0;
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  size_t pos = 0;
  // Skip leading comment and blank lines to find a document start marker.
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    std::string_view line(text.data() + pos, (eol == std::string::npos ? text.size() : eol) - pos);
    if (line.starts_with("---")) {
      text.erase(pos, eol == std::string::npos ? std::string::npos : eol + 1 - pos);
      dropped = 1;
      break;
    }
    if (!line.empty() && line[0] != '#' && line != "\r") break;
    pos = eol == std::string::npos ? text.size() : eol + 1;
  }
  for (const char* end : {"\n...\n", "\n...\r\n"}) {
    auto at = text.rfind(end);
    if (at != std::string::npos && text.find_first_not_of(" \t\r\n", at + std::string(end).size()) == std::string::npos)
      text.resize(at + 1);
  }
  if (!text.empty() && text.back() != '\n') text += '\n';
  if (dropped_lines) *dropped_lines = dropped;
  return text;
}

// Reads a part of the Promise; it must be a list (or empty) when `list` is set,
// a mapping otherwise.
std::string part(const stdfs::path& file, bool list, bool& empty, size_t* dropped = nullptr) {
  std::string text = fs::read_file(file);
  YAML::Node node = parse_yaml(text, file.string());
  empty = !node || node.IsNull() || (node.IsSequence() && node.size() == 0);
  if (list && !empty && !node.IsSequence())
    throw Error(SourceLocation{file.string(), node.Mark().line + 1, node.Mark().column + 1},
                "must be a YAML list; put each item under '- '");
  if (!list && !empty && !node.IsMap())
    throw Error(SourceLocation{file.string(), 1, 1},
                "must hold a CustomResourceDefinition; run 'kratix init promise --split' or fix the file");
  return body_of(text, dropped);
}

size_t count_lines(const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

}  // namespace

std::string build_promise(const BuildPromiseOptions& o, std::vector<BuiltSegment>* segments) {
  if (auto why = check_dns1123_label(o.name)) throw UsageError("promise name '" + o.name + "' is not valid: " + *why);
  const bool split = detect_layout(o.dir) == Layout::Split;
  if (!split && stdfs::exists(o.dir / kPromiseFile))
    throw Error(o.dir.string() +
                " holds a flat Promise (promise.yaml) already; 'build promise' assembles split directories");
  // Kratix takes Promises without an API (dependencies or workflows only), so
  // a missing or empty api.yaml builds one without spec.api, as kratix-cli does.
  if (!split && !stdfs::exists(o.dir / kDependenciesFile) && !stdfs::exists(o.dir / kWorkflowsDir))
    throw Error("nothing to build in " + o.dir.string() +
                ": no api.yaml, dependencies.yaml or workflows/; run 'kratix init promise --split' first or pass the "
                "right --dir");
  bool empty = false;
  std::string out =
      "apiVersion: platform.kratix.io/v1alpha1\nkind: Promise\nmetadata:\n  name: " + o.name + "\nspec:\n";
  const size_t spec_end = out.size();
  auto place = [&](const std::string& body, const stdfs::path& file, size_t dropped, int indent) {
    if (segments) segments->push_back({count_lines(out), count_lines(body), file.string(), dropped, indent});
    out += scaffold::indent(body, indent);
  };
  size_t dropped = 0;
  if (stdfs::exists(o.dir / kApiFile)) {
    const std::string api = part(o.dir / kApiFile, false, empty, &dropped);
    if (!empty) {
      out += "  api:\n";
      place(api, o.dir / kApiFile, dropped, 4);
    }
  }
  std::string deps;
  empty = true;
  if (stdfs::exists(o.dir / kDependenciesFile)) deps = part(o.dir / kDependenciesFile, true, empty, &dropped);
  if (!empty) {
    out += "  dependencies:\n";
    place(deps, o.dir / kDependenciesFile, dropped, 4);
  }

  std::string workflows;
  for (const char* lifecycle : {"promise", "resource"}) {
    bool started = false;
    for (const char* action : {"configure", "delete"}) {
      stdfs::path file = o.dir / workflow_file(lifecycle, action);
      if (!stdfs::exists(file)) continue;
      std::string pipelines = part(file, true, empty, &dropped);
      if (empty) continue;
      if (workflows.empty()) out += "  workflows:\n";
      if (!started) out += std::string("    ") + lifecycle + ":\n";
      started = true;
      workflows = "x";
      out += std::string("      ") + action + ":\n";
      place(pipelines, file, dropped, 8);
    }
  }
  if (out.size() == spec_end) out.replace(spec_end - 1, 1, " {}\n");  // nothing under spec
  // The assembled text must read back as a Promise; a part that only made sense
  // alone (e.g. tabs, odd markers) shows up here rather than on the cluster.
  parse_yaml(out, o.output ? o.output->string() : "the built Promise");
  if (o.output) fs::atomic_write(*o.output, out);
  return out;
}

}  // namespace kratix::promise
