#include "module/fetch.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "archive/module_archive.hpp"
#include "core/error.hpp"
#include "fs/atomic_write.hpp"
#include "module/git.hpp"
#include "module/registry.hpp"
#include "module/source.hpp"
#include "util/digest.hpp"

namespace stdfs = std::filesystem;

namespace kratix::module {

namespace {

constexpr std::uint64_t kMaxArchiveBytes = 256ull << 20;
constexpr std::uintmax_t kMaxFileBytes = 8ull << 20;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool wanted(const std::string& name, const FetchOptions& o) {
  if (ends_with(name, ".tf")) return true;
  for (const auto& k : o.keep)
    if (k == name) return true;
  return false;
}

// A subdirectory named in a source must stay inside what was fetched.
std::vector<std::string> checked_subdir(const std::string& subdir, const std::string& original) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= subdir.size()) {
    auto slash = subdir.find('/', start);
    if (slash == std::string::npos) slash = subdir.size();
    std::string part = subdir.substr(start, slash - start);
    start = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..")
      throw UsageError("--module-source " + original + ": the subdirectory //" + subdir +
                       " climbs out of the module with ..; name a directory inside it");
    parts.push_back(part);
  }
  return parts;
}

// Where a throw-away clone goes: $TMPDIR when set, else /dev/shm (memory:
// writing and removing a clone there costs a fraction of a disk's), else /tmp.
stdfs::path scratch_root() {
  if (const char* t = std::getenv("TMPDIR"); t != nullptr && *t != '\0') return t;
  std::error_code ec;
  if (stdfs::is_directory("/dev/shm", ec) && ::access("/dev/shm", W_OK | X_OK) == 0) return "/dev/shm";
  return stdfs::temp_directory_path();
}

class TempDir {
 public:
  explicit TempDir(const stdfs::path& root) {
    std::string tmpl = (root / "kratix-module-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) throw Error("cannot create a temporary directory in " + tmpl);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    stdfs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const stdfs::path& path() const { return path_; }

 private:
  stdfs::path path_;
};

// The files of `dir` (not following links out of `top`), for a module.
std::map<std::string, std::string> read_directory(const stdfs::path& dir, const stdfs::path& top, const FetchOptions& o,
                                                  const std::string& label) {
  std::error_code ec;
  if (!stdfs::is_directory(dir, ec))
    throw Error(label + " is not a directory; check --module-source (and its //subdirectory)");
  std::map<std::string, std::string> files;
  const stdfs::path real_top = stdfs::weakly_canonical(top, ec);
  std::vector<std::string> names;
  for (const auto& entry : stdfs::directory_iterator(dir, ec))
    if (wanted(entry.path().filename().string(), o)) names.push_back(entry.path().filename().string());
  for (const auto& k : o.keep)
    if (k.find('/') != std::string::npos) names.push_back(k);
  for (const auto& name : names) {
    const stdfs::path p = dir / name;
    const stdfs::path real = stdfs::weakly_canonical(p, ec);
    const auto rel = real.lexically_relative(real_top);
    if (rel.empty() || rel.native().rfind("..", 0) == 0)
      throw Error(label + "/" + name + " is a link to " + real.string() +
                  ", outside the module; kratix reads only the module's own files");
    if (!stdfs::is_regular_file(real, ec)) continue;
    if (stdfs::file_size(real, ec) > kMaxFileBytes)
      throw Error(label + "/" + name + " is larger than 8 MiB; that is not a Terraform file kratix will read");
    files[name] = fs::read_file(real);
  }
  return files;
}

std::string git_label(const Source& s) {
  std::string repo = s.url.substr(s.url.find_last_of("/:") + 1);
  return s.subdir.empty() ? repo : repo + "//" + s.subdir;
}

ModuleFiles from_git(const Source& s, const FetchOptions& o) {
  std::string subdir;
  for (const auto& part : checked_subdir(s.subdir, s.original)) subdir = join_subdir(subdir, part);
  ModuleFiles m;
  m.label = git_label(s);
  bool nested_keep = false;
  for (const auto& k : o.keep) nested_keep = nested_keep || k.find('/') != std::string::npos;
  // A module at the top: check out the top files only (the cheapest read);
  // deeper: read the directory's files from git's objects, checking out nothing.
  const bool top = subdir.empty() && !nested_keep;
  std::optional<TempDir> tmp(scratch_root());
  stdfs::path clone = tmp->path() / "repo";
  try {
    git_clone(s.url, s.ref, clone, s.original, top);
  } catch (const Error& e) {
    if (std::string(e.what()).find("No space left") == std::string::npos || std::getenv("TMPDIR") != nullptr) throw;
    tmp.emplace(stdfs::temp_directory_path());  // /dev/shm is small (in containers): use the disk
    clone = tmp->path() / "repo";
    git_clone(s.url, s.ref, clone, s.original, top);
  }
  if (top) {
    m.files = read_directory(clone, clone, o, m.label);
    return m;
  }
  std::vector<std::string> paths;
  for (const auto& name : git_list_directory(clone, subdir, s.original))
    if (wanted(name, o)) paths.push_back(join_subdir(subdir, name));
  for (const auto& k : o.keep)
    if (k.find('/') != std::string::npos) paths.push_back(join_subdir(subdir, k));
  for (auto& [path, contents] : git_read_files(clone, paths, s.original)) {
    if (contents.size() > kMaxFileBytes)
      throw Error(m.label + "/" + path + " is larger than 8 MiB; that is not a Terraform file kratix will read");
    m.files[subdir.empty() ? path : path.substr(subdir.size() + 1)] = std::move(contents);
  }
  return m;
}

std::string download(const Source& s, const FetchOptions& o) {
  net::Request r;
  r.url = s.url;
  r.tls = o.tls;
  r.max_bytes = kMaxArchiveBytes;
  if (o.progress) r.progress = "Downloading " + net::url_for_humans(s.url);
  net::Response resp = net::get(r);
  const std::string where = net::url_for_humans(s.url);
  if (resp.status == 401 || resp.status == 403)
    throw Error(where + " needs credentials (HTTP " + std::to_string(resp.status) + ")");
  if (resp.status == 404) throw Error(where + " was not found (HTTP 404); check --module-source");
  if (resp.status / 100 != 2) throw Error(where + " answered HTTP " + std::to_string(resp.status));
  return std::move(resp.body);
}

ModuleFiles from_archive(Source s, const FetchOptions& o) {
  std::string checksum;
  if (auto q = s.url.find("checksum="); q != std::string::npos) {
    checksum =
        s.url.substr(q + 9, s.url.find('&', q) == std::string::npos ? std::string::npos : s.url.find('&', q) - q - 9);
    s.url.erase(q - 1, 10 + checksum.size());
  }
  const std::string name = net::url_for_humans(s.url).substr(net::url_for_humans(s.url).rfind('/') + 1);
  if (s.archive_format.empty())
    throw UsageError("--module-source " + s.original + ": cannot tell the archive format; add ?archive=tgz or zip");
  const std::string bytes = download(s, o);
  if (!checksum.empty()) {
    if (checksum.rfind("sha256:", 0) != 0)
      throw UsageError("--module-source " + s.original + ": only sha256: checksums are supported");
    const std::string got = util::sha256_hex(bytes);
    if (got != checksum.substr(7))
      throw Error(name + " has sha256 " + got + ", not the " + checksum.substr(7) +
                  " the ?checksum= of --module-source says; the download is corrupt or the archive changed");
  }
  const auto format = s.archive_format == "zip" ? archive::ModuleFormat::Zip : archive::ModuleFormat::Tgz;
  archive::ModuleArchive a = archive::read_module_archive(bytes, name, format);
  // "*" picks the one directory at that level (how registries point into GitHub tarballs).
  std::string prefix;
  for (const auto& part : checked_subdir(s.subdir, s.original)) {
    std::string next = prefix.empty() ? part : prefix + "/" + part;
    if (part == "*") {
      std::vector<std::string> children;
      for (const auto& d : a.directories) {
        const std::string rest = prefix.empty() ? d : d.rfind(prefix + "/", 0) == 0 ? d.substr(prefix.size() + 1) : "";
        if (!rest.empty() && rest.find('/') == std::string::npos) children.push_back(d);
      }
      if (children.size() != 1)
        throw Error(name + " holds " + std::to_string(children.size()) + " directories where //" + s.subdir +
                    " expects exactly one");
      next = children[0];
    } else if (a.directories.count(next) == 0) {
      throw Error(name + " has no directory " + next + "; check the //subdirectory of --module-source");
    }
    prefix = next;
  }
  ModuleFiles m;
  m.label = s.subdir.empty() ? name : name + "//" + s.subdir;
  for (auto& [path, contents] : a.files) {
    std::string rel = prefix.empty() ? path : path.rfind(prefix + "/", 0) == 0 ? path.substr(prefix.size() + 1) : "";
    if (rel.empty()) continue;
    if (rel.find('/') != std::string::npos && std::find(o.keep.begin(), o.keep.end(), rel) == o.keep.end()) continue;
    if (wanted(rel, o) || rel.find('/') != std::string::npos) m.files[rel] = std::move(contents);
  }
  return m;
}

ModuleFiles fetch_remote(const Source& s, const FetchOptions& o) {
  if (s.kind == Source::Kind::Git) return from_git(s, o);
  if (s.kind == Source::Kind::Archive) return from_archive(s, o);
  throw Error("internal: not a remote source");
}

}  // namespace

ModuleFiles fetch_module(const FetchOptions& o) {
  const Source s = parse_source(o.source);
  if (!o.version.empty() && s.kind != Source::Kind::Registry)
    throw UsageError(
        "--module-registry-version is only for registry sources (NAMESPACE/NAME/PROVIDER); for git put the ref "
        "in --module-source (git::https://host/repo.git?ref=v1.0.0)");
  switch (s.kind) {
    case Source::Kind::Local: {
      stdfs::path dir = s.path;
      for (const auto& part : checked_subdir(s.subdir, s.original)) dir /= part;
      ModuleFiles m;
      m.local = true;
      m.label = dir.lexically_normal().string();
      if (!m.label.empty() && m.label.back() == '/') m.label.pop_back();
      std::error_code ec;
      if (!stdfs::exists(dir, ec))
        throw Error("--module-source " + o.source + ": no such directory; pass the module's directory");
      m.files = read_directory(dir, dir, o, m.label);
      return m;
    }
    case Source::Kind::Registry: {
      const RegistryDownload d = resolve_registry_module(s, o.version, o.tls);
      Source where = parse_source(d.source);
      if (where.kind == Source::Kind::Local || where.kind == Source::Kind::Registry || where.url.rfind("file:", 0) == 0)
        throw Error("the registry " + s.host + " points " + s.address() + " at " + d.source +
                    ", which is not a git or archive URL; kratix fetches only those from a registry");
      where.subdir = join_subdir(where.subdir, s.subdir);
      where.original = s.original;
      ModuleFiles m = fetch_remote(where, o);
      m.version = d.version;
      m.label = s.address() + "@" + d.version + (s.subdir.empty() ? "" : "//" + s.subdir);
      return m;
    }
    default: return fetch_remote(s, o);
  }
}

}  // namespace kratix::module
