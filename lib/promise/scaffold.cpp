#include "promise/scaffold.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "fs/atomic_write.hpp"
#include "promise/apply_size.hpp"
#include "promise/names.hpp"
#include "scaffold/embedded.hpp"
#include "scaffold/render.hpp"
#include "util/shell_words.hpp"

namespace stdfs = std::filesystem;

namespace kratix::promise {

std::string ApiNames::plural_or_default() const { return plural.empty() ? default_plural(kind) : plural; }
std::string ApiNames::singular() const { return to_lower(kind); }
std::string ApiNames::crd_name() const { return plural_or_default() + "." + group; }

namespace {

std::string render_scaffold(const std::string& path, const scaffold::Values& values) {
  return scaffold::render(path, scaffold::file(path), values);
}

std::string ensure_newline(std::string s) {
  if (!s.empty() && s.back() != '\n') s += '\n';
  return s;
}

std::string layout_description(const PromiseScaffold& s, Layout layout) {
  std::string out;
  if (layout == Layout::Flat) {
    out += "- `promise.yaml`: the whole Promise: its API, dependencies and workflows.\n";
  } else {
    out += "- `api.yaml`: the API (a CustomResourceDefinition) requests are made against.\n";
    out += "- `dependencies.yaml`: what is installed on every destination with the Promise.\n";
    out += "- `workflows/<lifecycle>/<action>/workflow.yaml`: the pipelines Kratix runs.\n";
    out += "  Assemble them into one Promise with `kratix build promise " + s.name + "`.\n";
  }
  return out.substr(0, out.size() - 1);
}

}  // namespace

std::vector<RenderedFile> render_promise(const PromiseScaffold& s, Layout layout) {
  scaffold::Values v;
  v["name"] = s.name;
  v["group"] = s.api.group;
  v["kind"] = s.api.kind;
  v["version"] = s.api.version;
  v["plural"] = s.api.plural_or_default();
  v["singular"] = s.api.singular();
  v["spec_schema"] = ensure_newline(s.spec_schema_yaml.empty() ? std::string(scaffold::file("promise/spec-schema.yaml"))
                                                               : s.spec_schema_yaml);
  v["example_spec"] = ensure_newline(s.example_spec_yaml);
  v["example_name"] = s.example_name.empty() ? "example-" + s.name : s.example_name;
  v["example_namespace"] = s.example_namespace;
  v["command"] = s.command;
  v["notes"] = s.readme_notes;
  v["layout"] = layout_description(s, layout);

  std::vector<RenderedFile> files;
  std::string api = s.api_yaml.empty() ? render_scaffold("promise/api.yaml", v) : ensure_newline(s.api_yaml);
  if (layout == Layout::Flat) {
    v["api"] = std::move(api);  // a CRD of hundreds of KB is not copied again
    v["dependencies"] = ensure_newline(s.dependencies_yaml);
    v["destination_selectors"] = ensure_newline(s.destination_selectors_yaml);
    v["promise_configure"] = ensure_newline(s.promise_configure_yaml);
    v["resource_configure"] = ensure_newline(s.resource_configure_yaml);
    files.emplace_back(kPromiseFile, render_scaffold("promise/promise.yaml", v));
  } else {
    files.emplace_back(kApiFile, api);
    files.emplace_back(kDependenciesFile, s.dependencies_yaml.empty()
                                              ? std::string(scaffold::file("promise/dependencies.yaml"))
                                              : ensure_newline(s.dependencies_yaml));
    if (!s.promise_configure_yaml.empty())
      files.emplace_back(workflow_file("promise", "configure"), ensure_newline(s.promise_configure_yaml));
    if (!s.resource_configure_yaml.empty())
      files.emplace_back(workflow_file("resource", "configure"), ensure_newline(s.resource_configure_yaml));
  }
  files.emplace_back(kExampleResourceFile, render_scaffold("promise/example-resource.yaml", v));
  files.emplace_back(kReadmeFile, render_scaffold("promise/README.md", v));
  return files;
}

void check_new_promise_target(const WriteOptions& o, const std::vector<stdfs::path>& more) {
  if (stdfs::exists(o.dir) && !stdfs::is_directory(o.dir))
    throw Error("--dir " + o.dir.string() + " is a file, not a directory; choose another --dir");
  // Promise files of either layout already there mean another Promise lives here.
  std::vector<stdfs::path> candidates = {kPromiseFile, kApiFile, kDependenciesFile, kExampleResourceFile, kReadmeFile};
  for (const auto& rel : more) {
    if (std::find(candidates.begin(), candidates.end(), rel) == candidates.end()) candidates.push_back(rel);
  }
  std::vector<std::string> present;
  for (const auto& rel : candidates) {
    if (stdfs::exists(o.dir / rel)) present.push_back(rel.string());
  }
  if (!present.empty() && !o.force) {
    std::string list;
    for (const auto& p : present) list += (list.empty() ? "" : ", ") + p;
    throw Error((o.dir / "").string() + " already holds " + list +
                "; use --force to overwrite, or choose an empty --dir");
  }
}

std::vector<stdfs::path> write_new_promise(const PromiseScaffold& s, const WriteOptions& o,
                                           const std::function<void(const std::string&)>& warn) {
  std::vector<RenderedFile> files = render_promise(s, o.layout);
  std::vector<stdfs::path> rendered;
  for (const auto& [rel, _] : files) rendered.push_back(rel);
  for (const auto& extra : s.extra_files) rendered.push_back(extra.path);
  check_new_promise_target(o, rendered);

  // What kubectl applies: promise.yaml, or (split) what build promise makes of the parts.
  std::size_t applied = 0;
  if (warn)
    for (const auto& [rel, content] : files)
      if (rel == kPromiseFile || rel == kApiFile || rel == kDependenciesFile || rel.begin()->string() == "workflows")
        applied += applied_size(content);

  fs::Transaction tx;
  std::vector<stdfs::path> written;
  for (auto& [rel, content] : files) {
    tx.write(o.dir / rel, std::move(content));
    written.push_back(o.dir / rel);
  }
  for (const auto& extra : s.extra_files) {
    tx.write(o.dir / extra.path, extra.content,
             extra.executable ? std::optional<stdfs::perms>(stdfs::perms(0755)) : std::nullopt);
    written.push_back(o.dir / extra.path);
  }
  if (o.force) {
    // Leave no file of the other layout behind: it would change how the directory reads.
    std::vector<stdfs::path> other = o.layout == Layout::Flat ? std::vector<stdfs::path>{kApiFile, kDependenciesFile}
                                                              : std::vector<stdfs::path>{kPromiseFile};
    for (const auto& rel : other) {
      if (stdfs::exists(o.dir / rel)) tx.remove(o.dir / rel);
    }
  }
  tx.commit();
  if (warn) {
    const bool flat = o.layout == Layout::Flat;
    if (auto w = apply_size_warning(
            applied,
            flat ? (o.dir / kPromiseFile).lexically_normal().string() : "the Promise built from " + o.dir.string(),
            flat ? (o.dir / kPromiseFile).lexically_normal().string() : "-"))
      warn(*w + (flat ? "" : " (after kratix build promise NAME --dir " + o.dir.string() + ")"));
  }
  return written;
}

}  // namespace kratix::promise
