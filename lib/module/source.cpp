#include "module/source.hpp"

#include <cctype>
#include <filesystem>
#include <optional>
#include <vector>

#include "core/error.hpp"

namespace kratix::module {

namespace {

const char* kForms =
    "use a local directory (./path), a git URL (git::https://host/repo.git//subdir?ref=v1.2.0, "
    "https://host/repo.git, git@host:org/repo.git), an archive URL (.tgz, .tar.gz, .zip) or a registry "
    "address NAMESPACE/NAME/PROVIDER";

bool starts_with(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }
bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return out;
    start = at + 1;
  }
}

// Registry namespaces and names: letters, digits, '-' and '_', starting and
// ending with a letter or digit, at most 64; providers: lower-case letters and digits.
bool registry_name(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '-' && c != '_') return false;
  return std::isalnum(static_cast<unsigned char>(s.front())) != 0 &&
         std::isalnum(static_cast<unsigned char>(s.back())) != 0;
}
bool provider_name(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!(std::islower(static_cast<unsigned char>(c)) != 0 || std::isdigit(static_cast<unsigned char>(c)) != 0))
      return false;
  return true;
}
// A registry host is a name with a dot (or localhost), optionally with a port.
bool host_name(const std::string& s) {
  const std::string host = s.substr(0, s.rfind(':') == std::string::npos ? s.size() : s.rfind(':'));
  if (host.empty()) return false;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '-' && c != '.' && c != ':') return false;
  return host.find('.') != std::string::npos || host == "localhost";
}

// Splits "URL//sub/dir?query" into "URL?query" and "sub/dir" (the "//" of a scheme does not count).
std::pair<std::string, std::string> split_subdir(const std::string& s) {
  std::size_t from = 0;
  if (auto scheme = s.find("://"); scheme != std::string::npos) from = scheme + 3;
  const auto query = s.find('?');
  const auto at = s.find("//", from);
  if (at == std::string::npos || (query != std::string::npos && at > query)) return {s, ""};
  const auto end = query == std::string::npos ? s.size() : query;
  std::string subdir = s.substr(at + 2, end - at - 2);
  while (!subdir.empty() && subdir.back() == '/') subdir.pop_back();
  return {s.substr(0, at) + (query == std::string::npos ? "" : s.substr(query)), subdir};
}

// Takes `key` out of the URL's query string; returns its value ("" when absent).
std::string take_query(std::string& url, const std::string& key) {
  const auto q = url.find('?');
  if (q == std::string::npos) return "";
  std::string value;
  std::string kept;
  for (const auto& part : split(url.substr(q + 1), '&')) {
    if (starts_with(part, (key + "=").c_str())) {
      value = part.substr(key.size() + 1);
    } else if (!part.empty()) {
      kept += (kept.empty() ? "" : "&") + part;
    }
  }
  url = url.substr(0, q) + (kept.empty() ? "" : "?" + kept);
  return value;
}

std::string path_of(const std::string& url) {
  std::string p = url.substr(0, url.find_first_of("?#"));
  if (auto scheme = p.find("://"); scheme != std::string::npos) p = p.substr(scheme + 3);
  return p;
}

Source git_source(const std::string& original, std::string url, const std::string& subdir) {
  Source s;
  s.kind = Source::Kind::Git;
  s.original = original;
  s.subdir = subdir;
  s.ref = take_query(url, "ref");
  take_query(url, "depth");
  if (!take_query(url, "sshkey").empty())
    throw UsageError("--module-source " + original +
                     ": ?sshkey= is not supported; load the key into ssh-agent (or ~/.ssh/config) and drop it");
  if (url.find('?') != std::string::npos)
    throw UsageError("--module-source " + original + ": unknown git option " + url.substr(url.find('?')) +
                     "; only ?ref= is understood");
  s.url = url;
  return s;
}

std::optional<std::string> archive_format_of(const std::string& path) {
  if (ends_with(path, ".tgz") || ends_with(path, ".tar.gz")) return "tgz";
  if (ends_with(path, ".zip")) return "zip";
  return std::nullopt;
}

Source archive_source(const std::string& original, std::string url, const std::string& subdir) {
  Source s;
  s.kind = Source::Kind::Archive;
  s.original = original;
  s.subdir = subdir;
  const std::string forced = take_query(url, "archive");
  if (!forced.empty()) {
    if (forced == "tgz" || forced == "tar.gz") {
      s.archive_format = "tgz";
    } else if (forced == "zip") {
      s.archive_format = "zip";
    } else {
      throw UsageError("--module-source " + original + ": archive=" + forced +
                       " is not supported; module archives are gzip tar (tgz, tar.gz) or zip");
    }
  } else {
    s.archive_format = archive_format_of(path_of(url)).value_or("");
  }
  s.url = url;
  return s;
}

}  // namespace

std::string Source::address() const {
  const std::string base = registry_namespace + "/" + name + "/" + provider;
  return host == "registry.terraform.io" ? base : host + "/" + base;
}

std::string join_subdir(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + "/" + b;
}

bool is_registry_address(const std::string& text) {
  const std::string bare = split_subdir(text).first;
  if (bare.find("://") != std::string::npos || bare.find("::") != std::string::npos ||
      bare.find('?') != std::string::npos || starts_with(bare, ".") || starts_with(bare, "/"))
    return false;
  const auto parts = split(bare, '/');
  if (parts.size() == 4)
    return host_name(parts[0]) && registry_name(parts[1]) && registry_name(parts[2]) && provider_name(parts[3]);
  return parts.size() == 3 && registry_name(parts[0]) && registry_name(parts[1]) && provider_name(parts[2]) &&
         parts[0] != "github.com" && parts[0] != "bitbucket.org";
}

Source parse_source(const std::string& text) {
  if (text.empty()) throw UsageError("--module-source is empty; " + std::string(kForms));
  if (text == "." || text == ".." || starts_with(text, "./") || starts_with(text, "../") || starts_with(text, "/")) {
    Source s;
    s.kind = Source::Kind::Local;
    s.original = text;
    s.path = text;
    return s;
  }
  if (starts_with(text, "git::")) {
    auto [url, subdir] = split_subdir(text.substr(5));
    return git_source(text, url, subdir);
  }
  if (auto forced = text.find("::"); forced != std::string::npos && forced < text.find('/')) {
    throw UsageError("--module-source " + text + ": the " + text.substr(0, forced) + ":: getter is not supported; " +
                     kForms);
  }
  auto [rest, subdir] = split_subdir(text);
  if (is_registry_address(text)) {
    const auto parts = split(rest, '/');
    Source s;
    s.kind = Source::Kind::Registry;
    s.original = text;
    s.subdir = subdir;
    const std::size_t first = parts.size() == 4 ? 1 : 0;
    if (parts.size() == 4) s.host = parts[0];
    s.registry_namespace = parts[first];
    s.name = parts[first + 1];
    s.provider = parts[first + 2];
    return s;
  }
  if (starts_with(rest, "git@")) return git_source(text, rest, subdir);
  if (starts_with(rest, "github.com/") || starts_with(rest, "bitbucket.org/") || starts_with(rest, "gitlab.com/")) {
    std::string url = "https://" + rest;
    const auto q = url.find('?');
    std::string base = url.substr(0, q);
    if (!ends_with(base, ".git")) base += ".git";
    return git_source(text, base + (q == std::string::npos ? "" : url.substr(q)), subdir);
  }
  const auto scheme_end = rest.find("://");
  if (scheme_end != std::string::npos) {
    const std::string scheme = rest.substr(0, scheme_end);
    if (scheme == "ssh" || scheme == "git" || scheme == "file") return git_source(text, rest, subdir);
    if (scheme == "http" || scheme == "https") {
      if (rest.find("archive=") != std::string::npos || archive_format_of(path_of(rest)))
        return archive_source(text, rest, subdir);
      if (ends_with(path_of(rest), ".git")) return git_source(text, rest, subdir);
      throw UsageError("--module-source " + text +
                       " is neither a git repository (a URL ending in .git, or git::URL) nor an archive "
                       "(.tgz, .tar.gz, .zip, or ?archive=zip); prefix git:: if it is a git repository");
    }
    throw UsageError("--module-source " + text + ": the " + scheme + ":// scheme is not supported; " + kForms);
  }
  std::error_code ec;
  if (std::filesystem::is_directory(rest, ec)) {  // a bare relative path, as kratix-cli accepts
    Source s;
    s.kind = Source::Kind::Local;
    s.original = text;
    s.path = rest;
    s.subdir = subdir;
    return s;
  }
  throw UsageError("--module-source " + text + " is not a module source: " + kForms);
}

}  // namespace kratix::module
