#include "validate/yaml_read.hpp"

#include "core/error.hpp"
#include "promise/read.hpp"

namespace kratix::validate {

namespace {

bool is_merge_key(const YAML::Node& key) {
  return key.IsScalar() && key.Scalar() == "<<" && (key.Tag() == "?" || key.Tag() == "tag:yaml.org,2002:merge");
}

void merge_from(YAML::Node& into, const YAML::Node& source) {
  if (!source.IsMap()) return;
  for (const auto& kv : source) {
    if (is_merge_key(kv.first)) continue;
    if (!into[kv.first.Scalar()]) into[kv.first.Scalar()] = kv.second;
  }
}

void resolve_merges(YAML::Node node, int depth) {
  if (depth > 512) return;  // far deeper than any Promise; aliases can loop
  if (node.IsSequence()) {
    for (auto item : node) resolve_merges(item, depth + 1);
    return;
  }
  if (!node.IsMap()) return;
  std::vector<YAML::Node> merged;
  for (const auto& kv : node) {
    if (is_merge_key(kv.first)) {
      if (kv.second.IsSequence()) {
        for (const auto& m : kv.second) merged.push_back(m);
      } else {
        merged.push_back(kv.second);
      }
    }
  }
  if (!merged.empty()) {
    node.remove("<<");
    for (const auto& m : merged) merge_from(node, m);
  }
  for (auto kv : node) resolve_merges(kv.second, depth + 1);
}

}  // namespace

std::vector<YAML::Node> read_documents(const std::string& text, const std::string& file) {
  std::vector<YAML::Node> out;
  for (auto& doc : promise::parse_yaml_documents(text, file)) {
    if (!doc || doc.IsNull()) continue;
    resolve_merges(doc, 0);
    out.push_back(doc);
  }
  return out;
}

YAML::Node read_document(const std::string& text, const std::string& file) {
  auto docs = read_documents(text, file);
  if (docs.empty()) return YAML::Node();
  if (docs.size() > 1)
    throw Error(SourceLocation{file, 0, 0}, "holds " + std::to_string(docs.size()) +
                                                " YAML documents where one is expected; keep one document in it");
  return docs.front();
}

}  // namespace kratix::validate
