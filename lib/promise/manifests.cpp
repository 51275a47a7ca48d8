#include "promise/manifests.hpp"

#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "fs/atomic_write.hpp"
#include "promise/read.hpp"

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
    if (files == 0)
      throw Error("no .yaml, .yml or .json files in " + path.string() + "; nothing to use as manifests");
  } else {
    load_file(path, out);
  }
  if (out.empty()) throw Error("no Kubernetes objects found in " + path.string());
  return out;
}

void default_namespace(YAML::Node& object) {
  YAML::Node metadata = object["metadata"];
  if (!metadata || metadata.IsNull()) {
    object["metadata"]["namespace"] = string_node("default");
    return;
  }
  if (!metadata["namespace"] || metadata["namespace"].as<std::string>("").empty())
    metadata["namespace"] = string_node("default");
}

namespace {

bool is_bool_or_null_word(const std::string& s) {
  static const char* words[] = {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True",
                                "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
                                "null", "Null", "NULL", "~"};
  for (const char* w : words) {
    if (s == w) return true;
  }
  return false;
}

// A string that reads back as the same string when written plain, in YAML 1.1
// and 1.2 alike: a letter first, then only letters, digits and _ . / -.
bool safe_plain(const std::string& s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0])) || is_bool_or_null_word(s)) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '/' || c == '-';
  });
}

void emit(YAML::Emitter& out, const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map:
      out << (n.Style() == YAML::EmitterStyle::Flow ? YAML::Flow : YAML::Block) << YAML::BeginMap;
      for (const auto& kv : n) {
        out << YAML::Key;
        emit(out, kv.first);
        out << YAML::Value;
        emit(out, kv.second);
      }
      out << YAML::EndMap;
      break;
    case YAML::NodeType::Sequence:
      out << (n.Style() == YAML::EmitterStyle::Flow ? YAML::Flow : YAML::Block) << YAML::BeginSeq;
      for (const auto& item : n) emit(out, item);
      out << YAML::EndSeq;
      break;
    case YAML::NodeType::Scalar: {
      const std::string& s = n.Scalar();
      if (s.find('\n') != std::string::npos && s.find('\r') == std::string::npos && s.find('\t') == std::string::npos &&
          s.front() != ' ' && s.front() != '\n') {
        out << YAML::Literal << s;
      } else if (n.Tag() == "!" && !safe_plain(s)) {
        // Quoted in the source: keep it a string ('true', '123', '').
        out << YAML::DoubleQuoted << s;
      } else {
        out << s;
      }
      break;
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      out << YAML::Null;
      break;
  }
}

}  // namespace

YAML::Node string_node(const std::string& value) {
  YAML::Node n(value);
  n.SetTag("!");
  return n;
}

std::string emit_yaml(const YAML::Node& node) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, node);
  std::string text = out.c_str();
  if (!text.empty() && text.back() != '\n') text += '\n';
  return text;
}

}  // namespace kratix::promise
