#pragma once
// The Terraform module registry protocol: service discovery at
// https://HOST/.well-known/terraform.json ("modules.v1"), the versions of a
// module, and its download location from the X-Terraform-Get header. Tokens
// come from TF_TOKEN_<host> as Terraform reads them.
#include <string>

#include "module/source.hpp"
#include "net/http.hpp"

namespace kratix::module {

struct RegistryDownload {
  std::string source;   // where the module is: a git or archive source (absolute)
  std::string version;  // the version picked
};

// `constraint` is --module-registry-version ("" = the latest release).
RegistryDownload resolve_registry_module(const Source& source, const std::string& constraint,
                                         const net::TlsOptions& tls);

// Resolves a reference found at `base` (a URL) as a browser would: absolute
// URLs stay, "/path" is on base's host, anything else is next to base.
std::string resolve_reference(const std::string& base, const std::string& ref);

}  // namespace kratix::module
