#include "promise/update_dependencies.hpp"

#include "core/error.hpp"
#include "fs/atomic_write.hpp"
#include "promise/add_container.hpp"
#include "promise/manifests.hpp"
#include "promise/promise_dir.hpp"
#include "util/shell_words.hpp"
#include "yamledit/document.hpp"
#include "yamledit/emit.hpp"

namespace stdfs = std::filesystem;

namespace kratix::promise {

namespace {

constexpr const char* kDepsContainer = "configure-deps";

const char* kCopyScript =
    "#!/usr/bin/env sh\n"
    "# Copies the Promise's dependencies (resources/) to where Kratix schedules them.\n"
    "set -eu\n"
    "cp -R /resources/. /kratix/output/\n";

// The manifest files of source and where they go under resources/.
std::vector<std::pair<stdfs::path, stdfs::path>> manifest_files(const stdfs::path& source) {
  std::vector<std::pair<stdfs::path, stdfs::path>> out;
  if (!stdfs::is_directory(source)) {
    out.emplace_back(source, source.filename());
    return out;
  }
  for (const auto& e : stdfs::recursive_directory_iterator(source)) {
    auto ext = e.path().extension();
    if (e.is_regular_file() && (ext == ".yaml" || ext == ".yml" || ext == ".json"))
      out.emplace_back(e.path(), stdfs::relative(e.path(), source));
  }
  return out;
}

// dependencies.yaml alone, as in a split Promise.
UpdateResult write_dependencies_file(const stdfs::path& file, const YAML::Node& deps) {
  yamledit::Stream s = yamledit::Stream::parse(stdfs::exists(file) ? fs::read_file(file) : "[]\n", file.string());
  if (s.size() != 1)
    throw Error(
        SourceLocation{file.string(), 1, 1},
        "holds " + std::to_string(s.size()) + " YAML documents where kratix expects one; keep one document in it");
  s[0].set({}, deps);
  fs::atomic_write(file, s.text());
  UpdateResult r;
  r.files = {file};
  r.messages.push_back("Updated " + std::string(kDependenciesFile));
  return r;
}

}  // namespace

UpdateResult update_dependencies(const UpdateDependenciesOptions& o) {
  std::vector<Manifest> manifests = load_manifests(o.source);
  UpdateResult r;
  YAML::Node deps(YAML::NodeType::Sequence);
  if (o.image.empty()) {
    for (auto& m : manifests) {
      default_namespace(m.object);
      deps.push_back(m.object);
    }
    // A directory that holds no Promise yet gets dependencies.yaml, as kratix-cli writes it there.
    if (stdfs::is_directory(o.dir) && !stdfs::exists(o.dir / kPromiseFile) && !stdfs::exists(o.dir / kApiFile))
      return write_dependencies_file(o.dir / kDependenciesFile, deps);
  }
  PromiseDir dir = PromiseDir::open(o.dir);
  if (o.image.empty()) {
    if (dir.layout() == Layout::Split) {
      yamledit::Document& d = dir.doc(kDependenciesFile, "[]\n");
      d.set({}, deps);
      r.files = dir.save();
      r.messages.push_back("Updated " + std::string(kDependenciesFile));
    } else {
      dir.doc(kPromiseFile).set({"spec", "dependencies"}, deps);
      r.files = dir.save();
      r.messages.push_back("Updated " + std::string(kPromiseFile));
    }
    return r;
  }
  // Ship them in an image: copied as files, so their own comments and layout stay.
  fs::Transaction tx;
  WorkflowRef ref{"promise", "configure", "dependencies"};
  add_container_to(dir, ref, kDepsContainer, o.image, "bash", true, tx);
  stdfs::path home = o.dir / "workflows/promise/configure/dependencies" / kDepsContainer;
  for (const auto& [from, rel] : manifest_files(o.source)) tx.write(home / "resources" / rel, fs::read_file(from));
  tx.write(home / "scripts/pipeline.sh", kCopyScript, stdfs::perms(0755));
  if (dir.layout() == Layout::Split) {
    // The dependencies now live in the image: dependencies.yaml goes, as kratix-cli does.
    if (stdfs::exists(o.dir / kDependenciesFile)) tx.remove(o.dir / kDependenciesFile);
  } else {
    dir.doc(kPromiseFile).remove({"spec", "dependencies"});
  }
  r.files = dir.save(std::move(tx));
  r.messages.push_back("Dependencies added as a Promise workflow.");
  r.messages.push_back("Build and push the dependencies image with:");
  r.messages.push_back("\n  kratix build container promise/configure/dependencies --name " +
                       std::string(kDepsContainer) + " --push --dir " + util::shell_quote(o.dir.string()) + "\n");
  return r;
}

}  // namespace kratix::promise
