#include "promise/build.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "fs/atomic_write.hpp"
#include "promise/layout.hpp"
#include "promise/names.hpp"
#include "promise/read.hpp"
#include "scaffold/render.hpp"
#include "yamledit/document.hpp"
#include "yamledit/emit.hpp"

namespace stdfs = std::filesystem;

namespace kratix::promise {

namespace {

struct Part {
  std::string body;      // the document's text, ready to be indented under a key
  size_t file_line = 0;  // the file's line (0-based) of the body's first line, about
  bool empty = true;
};

// A part of a split Promise: its one YAML document as text, with the comment
// lines before its "---" but not the marker, %directives, a byte order mark or
// a final marker; CRLF line ends become LF, and it ends in a newline. It must
// be a list (or empty) when `list` is set, a mapping otherwise.
Part read_part(const stdfs::path& file, bool list) {
  yamledit::Stream s = yamledit::Stream::parse(fs::read_file(file), file.string());
  std::vector<size_t> full;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!s[i].empty()) full.push_back(i);
  }
  if (full.size() > 1)
    throw Error(s[full[1]].location({}), "holds " + std::to_string(full.size()) +
                                             " YAML documents where one is expected; keep one document in it");
  size_t index = full.empty() ? 0 : full.front();
  const yamledit::Document& d = s[index];
  const yamledit::Node* root = d.find({});
  Part p;
  p.empty = d.empty() || (root->kind == yamledit::Node::Kind::Seq && root->items.empty());
  if (list && !p.empty && root->kind != yamledit::Node::Kind::Seq)
    throw Error(d.location({}), "must be a YAML list; put each item under '- '");
  if (!list && !p.empty && root->kind != yamledit::Node::Kind::Map)
    throw Error(SourceLocation{file.string(), 1, 1},
                "must hold a CustomResourceDefinition; run 'kratix init promise --split' or fix the file");
  std::string comments;
  size_t kept = 0;
  std::string_view separator = s.separator(index);
  if (separator.starts_with("\xEF\xBB\xBF")) separator.remove_prefix(3);  // a byte order mark
  size_t pos = 0;
  while (pos < separator.size()) {
    size_t eol = separator.find('\n', pos);
    size_t next = eol == std::string_view::npos ? separator.size() : eol + 1;
    std::string_view line(separator.data() + pos, next - pos);
    size_t first = line.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || line[first] == '#') {
      comments += line;
      ++kept;
    }
    pos = next;
  }
  p.body = comments + d.text();
  p.file_line = d.first_line() - std::min(kept, d.first_line());
  std::string lf;
  lf.reserve(p.body.size());
  for (size_t i = 0; i < p.body.size(); ++i) {
    if (p.body[i] == '\r' && i + 1 < p.body.size() && p.body[i + 1] == '\n') continue;
    lf += p.body[i];
  }
  p.body = std::move(lf);
  if (!p.body.empty() && p.body.back() != '\n') p.body += '\n';
  return p;
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
  std::string out = "apiVersion: platform.kratix.io/v1alpha1\nkind: Promise\nmetadata:\n  name: " +
                    yamledit::scalar_text(yamledit::string_node(o.name)) + "\nspec:\n";
  const size_t spec_end = out.size();
  auto place = [&](const Part& part, const stdfs::path& file, int indent) {
    if (segments)
      segments->push_back({count_lines(out), count_lines(part.body), file.string(), part.file_line, indent});
    out += scaffold::indent(part.body, indent);
  };
  if (stdfs::exists(o.dir / kApiFile)) {
    Part api = read_part(o.dir / kApiFile, false);
    if (!api.empty) {
      out += "  api:\n";
      place(api, o.dir / kApiFile, 4);
    }
  }
  if (stdfs::exists(o.dir / kDependenciesFile)) {
    Part deps = read_part(o.dir / kDependenciesFile, true);
    if (!deps.empty) {
      out += "  dependencies:\n";
      place(deps, o.dir / kDependenciesFile, 4);
    }
  }

  bool workflows = false;
  for (const char* lifecycle : {"promise", "resource"}) {
    bool started = false;
    for (const char* action : {"configure", "delete"}) {
      stdfs::path file = o.dir / workflow_file(lifecycle, action);
      if (!stdfs::exists(file)) continue;
      Part pipelines = read_part(file, true);
      if (pipelines.empty) continue;
      if (!workflows) out += "  workflows:\n";
      if (!started) out += std::string("    ") + lifecycle + ":\n";
      workflows = started = true;
      out += std::string("      ") + action + ":\n";
      place(pipelines, file, 8);
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
