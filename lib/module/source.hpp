#pragma once
// Terraform module source addresses, read as Terraform reads a module block's
// `source`: a local directory, a git repository (git::URL, https://....git,
// git@host:org/repo.git, github.com/org/repo), an archive URL (.tgz, .tar.gz,
// .zip, or ?archive=), or a registry address [HOST/]NAMESPACE/NAME/PROVIDER.
// Any of them may name a subdirectory after "//" (sub/dir, or * for the one
// top-level directory of an archive).
#include <string>

namespace kratix::module {

struct Source {
  enum class Kind { Local, Git, Archive, Registry };
  Kind kind = Kind::Local;
  std::string original;  // as given
  std::string subdir;    // after "//", without the query; "" = the root

  std::string path;  // Local: the directory

  std::string url;  // Git: what `git clone` takes; Archive: the URL to download (query kept, archive= dropped)
  std::string ref;  // Git: ?ref= (a branch, tag or commit); "" = the default branch

  std::string archive_format;  // Archive: "tgz" or "zip"

  std::string host = "registry.terraform.io";  // Registry
  std::string registry_namespace, name, provider;
  std::string address() const;  // Registry: HOST/NAMESPACE/NAME/PROVIDER (host dropped when the default)
};

// kratix::UsageError naming the forms when `text` is none of them.
Source parse_source(const std::string& text);

// Whether `text` is a registry address (what --module-registry-version goes with).
bool is_registry_address(const std::string& text);

// "a/b" + "c" -> "a/b/c"; either may be empty.
std::string join_subdir(const std::string& a, const std::string& b);

}  // namespace kratix::module
