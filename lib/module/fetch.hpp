#pragma once
// Getting a Terraform module's root files from wherever Terraform gets
// modules, without Terraform: a local directory; a git repository through the
// git command (a shallow clone of the ref); an archive URL through the HTTP
// client and the safe archive reader; a registry address through the module
// registry protocol (service discovery, versions, download's X-Terraform-Get,
// which names one of the others).
#include <map>
#include <string>
#include <vector>

#include "net/http.hpp"

namespace kratix::module {

struct ModuleFiles {
  std::map<std::string, std::string> files;  // the module directory's files: *.tf and those asked for
  std::string label;                         // names the directory in messages ("./vpc", "repo.git//modules/x")
  std::string version;                       // a registry module's version ("" otherwise)
  bool local = false;                        // read from a local directory
};

struct FetchOptions {
  std::string source;             // --module-source
  std::string version;            // --module-registry-version: a version or a constraint
  std::vector<std::string> keep;  // more files to read, relative to the module directory
  net::TlsOptions tls;
  bool progress = false;
};

ModuleFiles fetch_module(const FetchOptions& options);

}  // namespace kratix::module
