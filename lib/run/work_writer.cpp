#include "run/work_writer.hpp"

#include <algorithm>
#include <system_error>

#include "core/error.hpp"
#include "fs/atomic_write.hpp"

namespace stdfs = std::filesystem;

namespace kratix::run {

namespace {

// Go's filepath.Clean: the shortest lexically equivalent path.
std::string go_clean(const std::string& path) {
  if (path.empty()) return ".";
  bool rooted = path.front() == '/';
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < path.size()) {
    size_t slash = path.find('/', i);
    if (slash == std::string::npos) slash = path.size();
    std::string part = path.substr(i, slash - i);
    i = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..")
        parts.pop_back();
      else if (!rooted)
        parts.push_back(part);
      continue;
    }
    parts.push_back(part);
  }
  std::string out = rooted ? "/" : "";
  for (size_t k = 0; k < parts.size(); ++k) out += (k ? "/" : "") + parts[k];
  return out.empty() ? "." : out;
}

// Go's filepath.Base.
std::string go_base(std::string path) {
  if (path.empty()) return ".";
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (path == "/") return "/";
  auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::vector<std::string> sorted_entries(const stdfs::path& dir, std::error_code& ec) {
  std::vector<std::string> names;
  for (stdfs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    names.push_back(it->path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// getWorkloadsFromDir: files (anything that is not a directory; symlinks
// included) below dir, relative to root, skipping `ignored` names at the top.
bool workloads(const stdfs::path& root, const stdfs::path& dir, const std::vector<std::string>& ignored,
               std::vector<std::string>& out) {
  std::error_code ec;
  if (!stdfs::is_directory(stdfs::symlink_status(dir, ec))) return false;
  std::vector<std::string> names = sorted_entries(dir, ec);
  if (ec) return false;
  for (const auto& name : names) {
    stdfs::path p = dir / name;
    if (stdfs::is_directory(stdfs::symlink_status(p, ec))) {
      if (std::find(ignored.begin(), ignored.end(), name) != ignored.end()) continue;
      if (!workloads(root, p, {}, out)) return false;
    } else {
      out.push_back(p.lexically_relative(root).generic_string());
    }
  }
  return true;
}

Labels squash(const std::vector<Labels>& selectors) {
  // SquashPromiseScheduling: the first entry wins.
  Labels out;
  for (auto it = selectors.rbegin(); it != selectors.rend(); ++it) {
    for (const auto& [k, v] : *it) out[k] = v;
  }
  return out;
}

bool is_yaml_name(const std::string& name) {
  auto ends = [&](const char* ext) {
    std::string e(ext);
    if (name.size() < e.size()) return false;
    std::string tail = name.substr(name.size() - e.size());
    std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return std::tolower(c); });
    return tail == e;
  };
  return ends(".yaml") || ends(".yml");
}

void check_yaml_file(const stdfs::path& file, const std::string& shown, std::vector<Finding>& out) {
  std::string text;
  try {
    text = fs::read_file(file);
  } catch (const Error& e) {
    out.push_back({shown, 0, 0, e.what()});
    return;
  }
  std::vector<Json> docs;
  try {
    docs = parse_yaml_stream(text, shown);
  } catch (const Error& e) {
    out.push_back({shown, e.where() ? e.where()->line : 0, e.where() ? e.where()->column : 0,
                   std::string(e.what()) + "; files ending in .yaml or .yml must hold Kubernetes objects"});
    return;
  }
  for (size_t i = 0; i < docs.size(); ++i) {
    const Json& d = docs[i];
    if (d.is_null()) continue;  // an empty document between '---' lines
    std::string which = docs.size() > 1 ? "document " + std::to_string(i + 1) : "the document";
    if (!d.is_object()) {
      out.push_back({shown, 0, 0, which + " is not a Kubernetes object (a mapping with apiVersion and kind)"});
      continue;
    }
    for (const char* key : {"apiVersion", "kind"}) {
      if (!d.contains(key) || !d[key].is_string() || d[key].get<std::string>().empty())
        out.push_back({shown, 0, 0, which + " has no " + key + "; a destination cannot apply an object without it"});
    }
  }
}

void check_tree(const stdfs::path& root, const stdfs::path& dir, std::vector<Finding>& out) {
  std::error_code ec;
  std::vector<std::string> names = sorted_entries(dir, ec);
  stdfs::path canonical_root = stdfs::weakly_canonical(root, ec);
  for (const auto& name : names) {
    stdfs::path p = dir / name;
    std::string shown = "output/" + p.lexically_relative(root).generic_string();
    stdfs::file_status st = stdfs::symlink_status(p, ec);
    if (stdfs::is_directory(st)) {
      check_tree(root, p, out);
      continue;
    }
    stdfs::path content = p;
    if (stdfs::is_symlink(st)) {
      stdfs::path target = stdfs::read_symlink(p, ec);
      if (target.is_absolute()) {
        out.push_back({shown, 0, 0,
                       "is a symlink to the absolute path " + target.string() +
                           "; Kratix's work-writer sees the output at another path, so the link breaks. Write the "
                           "file itself"});
        continue;
      }
      stdfs::path resolved = stdfs::canonical(p, ec);
      if (ec) {
        out.push_back({shown, 0, 0, "is a symlink to " + target.string() + ", which does not exist"});
        continue;
      }
      auto rel = resolved.lexically_relative(canonical_root);
      if (rel.empty() || rel.begin()->string() == "..") {
        out.push_back({shown, 0, 0,
                       "is a symlink to " + target.string() +
                           ", which leaves /kratix/output; Kratix's work-writer cannot read it. Write the file "
                           "itself"});
        continue;
      }
      if (stdfs::is_directory(resolved)) {
        out.push_back({shown, 0, 0,
                       "is a symlink to a directory; Kratix's work-writer reads it as a file and fails. Link the "
                       "files, or copy the directory"});
        continue;
      }
      content = resolved;
      st = stdfs::status(resolved, ec);
    }
    if (!stdfs::is_regular_file(st)) {
      out.push_back({shown, 0, 0, "is not a regular file; /kratix/output may hold files and directories only"});
      continue;
    }
    if (is_yaml_name(name)) check_yaml_file(content, shown, out);
  }
}

}  // namespace

std::vector<WorkflowSelector> parse_destination_selectors(const std::string& text, const std::string& file,
                                                          std::string& error) {
  std::vector<WorkflowSelector> out;
  Json doc;
  try {
    doc = parse_yaml_value(text, file);
  } catch (const Error& e) {
    error = "invalid destination-selectors.yaml: " + e.describe();
    return {};
  }
  if (doc.is_null()) return {};
  if (!doc.is_array()) {
    error = "invalid destination-selectors.yaml: it must be a YAML list of entries with matchLabels (and directory)";
    return {};
  }
  for (size_t i = 0; i < doc.size(); ++i) {
    const Json& e = doc[i];
    WorkflowSelector s;
    if (!e.is_null() && !e.is_object()) {
      error = "invalid destination-selectors.yaml: entry with index " + std::to_string(i) + " is not a mapping";
      return {};
    }
    if (e.is_object() && e.contains("directory") && !e["directory"].is_null()) {
      if (!e["directory"].is_string()) {
        error = "invalid destination-selectors.yaml: entry with index " + std::to_string(i) +
                ": directory must be a string";
        return {};
      }
      s.directory = e["directory"].get<std::string>();
    }
    if (e.is_object() && e.contains("matchLabels") && !e["matchLabels"].is_null()) {
      const Json& ml = e["matchLabels"];
      if (!ml.is_object()) {
        error = "invalid destination-selectors.yaml: entry with index " + std::to_string(i) +
                ": matchLabels must be a mapping of label names to values";
        return {};
      }
      for (const auto& [k, v] : ml.items()) {
        if (!v.is_string()) {
          error = "invalid destination-selectors.yaml: entry with index " + std::to_string(i) + ": label " + k +
                  " has the value " + v.dump() + ", which is not a string; quote it";
          return {};
        }
        s.match_labels[k] = v.get<std::string>();
      }
    }
    s.directory = go_clean(s.directory);
    out.push_back(std::move(s));
  }
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i].match_labels.empty()) {
      error = "invalid destination-selectors.yaml: entry with index " + std::to_string(i) + " has no selectors";
      return {};
    }
  }
  for (size_t i = 0; i < out.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (out[i].directory == out[j].directory) {
        error = "duplicate entries in destination-selectors.yaml: directory '" + out[i].directory +
                "' appears more than once";
        return {};
      }
    }
  }
  for (const auto& s : out) {
    if (go_base(s.directory) != s.directory) {
      error = "invalid directory in destination-selectors.yaml: " + s.directory + ", sub-directories are not allowed";
      return {};
    }
  }
  return out;
}

Labels resolve_selectors(std::vector<Scheduling> selectors) {
  auto rank = [](const Scheduling& s) {
    if (s.source == "promise") return 2;
    if (s.source == "promise-workflow") return 1;
    return 0;
  };
  std::stable_sort(selectors.begin(), selectors.end(),
                   [&](const Scheduling& a, const Scheduling& b) { return rank(a) < rank(b); });
  Labels out;
  for (const auto& s : selectors) {
    for (const auto& [k, v] : s.match_labels) out[k] = v;
  }
  return out;
}

WorkResult write_work(const stdfs::path& output, const stdfs::path& metadata, const std::string& workflow_type,
                      const std::vector<Labels>& promise_selectors) {
  WorkResult r;
  r.findings = check_output(output);
  std::vector<WorkflowSelector> selectors;
  stdfs::path file = metadata / "destination-selectors.yaml";
  if (stdfs::exists(file)) {
    std::string text;
    try {
      text = fs::read_file(file);
    } catch (const Error& e) {
      r.failure = e.what();
      return r;
    }
    selectors = parse_destination_selectors(text, "metadata/destination-selectors.yaml", r.failure);
    if (!r.failure.empty()) return r;
  }
  const std::string source = workflow_type + "-workflow";
  std::vector<std::string> ignored;
  std::optional<Labels> root_labels;
  for (const auto& s : selectors) {
    if (s.directory == ".") {
      root_labels = s.match_labels;
      continue;
    }
    ignored.push_back(s.directory);
    WorkloadGroup g;
    g.directory = s.directory;
    stdfs::path dir = output / s.directory;
    if (s.directory == ".." || s.directory.starts_with("../") ||
        !workloads(output, s.directory == "/" ? output : dir, {}, g.files)) {
      r.failure = "destination-selectors.yaml names directory '" + s.directory +
                  "', which is not a directory in /kratix/output; the work-writer fails reading it. Write files "
                  "under /kratix/output/" +
                  s.directory + " or remove the entry";
      return r;
    }
    g.selectors.push_back({s.match_labels, source});
    g.resolved = resolve_selectors(g.selectors);
    r.groups.push_back(std::move(g));
  }
  WorkloadGroup root;
  root.directory = ".";
  workloads(output, output, ignored, root.files);
  if (!root.files.empty()) {
    if (root_labels) root.selectors.push_back({*root_labels, source});
    if (!promise_selectors.empty()) root.selectors.push_back({squash(promise_selectors), "promise"});
    root.resolved = resolve_selectors(root.selectors);
    r.groups.push_back(std::move(root));
  }
  return r;
}

std::vector<Finding> check_output(const stdfs::path& output) {
  std::vector<Finding> out;
  check_tree(output, output, out);
  return out;
}

std::vector<std::string> list_files(const stdfs::path& root) {
  std::vector<std::string> out;
  if (stdfs::is_directory(root)) workloads(root, root, {}, out);
  return out;
}

}  // namespace kratix::run
