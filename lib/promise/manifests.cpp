#include "promise/manifests.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "fs/atomic_write.hpp"
#include "promise/read.hpp"
#include "yamledit/emit.hpp"

namespace stdfs = std::filesystem;

namespace kratix::promise {

namespace {

bool is_manifest_file(const stdfs::path& p) {
  auto ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

void load_file(const stdfs::path& file, std::vector<Manifest>& out) {
  for (YAML::Node doc : parse_yaml_documents(fs::read_file(file), file.string())) {
    if (!doc || doc.IsNull()) continue;
    SourceLocation where{file.string(), doc.Mark().line + 1, doc.Mark().column + 1};
    if (doc.IsSequence()) {
      // A YAML or JSON list of objects (kubectl's "List" shape without the wrapper).
      for (YAML::Node item : doc) {
        if (!item.IsMap() || !item["kind"] || !item["apiVersion"])
          throw Error({file.string(), item.Mark().line + 1, item.Mark().column + 1},
                      "is not a Kubernetes object (it needs apiVersion and kind); remove it or fix it");
        out.push_back({item, file, item.Mark().line + 1});
      }
      continue;
    }
    if (!doc.IsMap() || !doc["kind"] || !doc["apiVersion"])
      throw Error(where, "is not a Kubernetes object (it needs apiVersion and kind); remove it or fix it");
    out.push_back({doc, file, doc.Mark().line + 1});
  }
}

void walk(const stdfs::path& dir, std::vector<Manifest>& out, size_t& files) {
  std::vector<stdfs::path> entries;
  for (const auto& e : stdfs::directory_iterator(dir)) entries.push_back(e.path());
  std::sort(entries.begin(), entries.end());
  for (const auto& p : entries) {
    if (stdfs::is_directory(p)) {
      walk(p, out, files);
    } else if (is_manifest_file(p)) {
      ++files;
      load_file(p, out);
    }
  }
}

}  // namespace

std::vector<Manifest> load_manifests(const stdfs::path& path) {
  std::vector<Manifest> out;
  if (!stdfs::exists(path)) throw Error(path.string() + " does not exist; pass a manifest file or a directory of them");
  if (stdfs::is_directory(path)) {
    size_t files = 0;
    walk(path, out, files);
    if (files == 0) throw Error("no .yaml, .yml or .json files in " + path.string() + "; nothing to use as manifests");
  } else {
    load_file(path, out);
  }
  if (out.empty()) throw Error("no Kubernetes objects found in " + path.string());
  return out;
}

void default_namespace(YAML::Node& object) {
  YAML::Node metadata = object["metadata"];
  if (!metadata || metadata.IsNull()) {
    object["metadata"]["namespace"] = yamledit::string_node("default");
    return;
  }
  if (!metadata["namespace"] || metadata["namespace"].as<std::string>("").empty())
    metadata["namespace"] = yamledit::string_node("default");
}

}  // namespace kratix::promise
