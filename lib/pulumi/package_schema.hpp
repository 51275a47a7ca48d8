#pragma once
// A Pulumi package schema (https://www.pulumi.com/docs/iac/using-pulumi/extending-pulumi/schema/)
// as JSON, read from JSON or YAML text, and where it comes from: a file, or
// an http(s) URL fetched with a bearer token.
#include <string>

#include <nlohmann/json.hpp>

#include "net/http.hpp"

namespace kratix::pulumi {

// NOLINTNEXTLINE(bugprone-exception-escape): nlohmann::json moves are noexcept; the check cannot tell
struct PackageSchema {
  nlohmann::json doc;
  std::string source;  // the file or URL, for messages
};

// JSON when it parses as JSON, else YAML. kratix::Error at FILE:LINE:COL of a
// syntax error, or when the document is not a mapping.
PackageSchema parse_package_schema(const std::string& text, const std::string& source);

// Whether --schema names a local file (no http:// or https://).
bool is_local_schema_source(const std::string& source);

struct SchemaFetch {
  std::string source;  // --schema
  std::string token;   // bearer token for URLs ("" = none); refused over plain http://
  net::TlsOptions tls;
};

// Reads the schema file or downloads the URL. kratix::Error with what to do
// on a missing file, an HTTP error (401/403: the token), or a bad document.
PackageSchema load_package_schema(const SchemaFetch& fetch);

// The bearer token for schema URLs from the environment: PULUMI_ACCESS_TOKEN,
// or the contents of the file PULUMI_ACCESS_TOKEN_FILE names.
std::string token_from_environment();

}  // namespace kratix::pulumi
