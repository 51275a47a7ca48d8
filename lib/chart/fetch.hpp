#pragma once
// Getting a chart's Chart.yaml, values.yaml and values.schema.json from
// wherever Helm gets charts: a repository (index.yaml, semver constraints,
// sha256 digest), an OCI registry, a .tgz URL, a local .tgz or directory.
// Archives are read in memory through archive/chart_archive.hpp, so nothing is
// unpacked to disk; downloads whose digest is known beforehand are cached
// under $XDG_CACHE_HOME/kratix/charts by that digest.
#include <filesystem>
#include <optional>
#include <string>

#include "chart/credentials.hpp"
#include "net/http.hpp"

namespace kratix::chart {

struct ChartFiles {
  std::string chart_yaml;
  std::string values_yaml;
  std::optional<std::string> values_schema_json;
  std::string source;   // where they came from, for messages ("datadog-3.240.0.tgz", a directory)
  std::string version;  // the chart version used ("" when Chart.yaml does not say)
};

struct FetchOptions {
  std::string url;      // --chart-url: oci://..., http(s)://repo, http(s)://.../x.tgz, a path
  std::string name;     // --chart-name (repositories)
  std::string version;  // --chart-version: exact or a constraint
  std::optional<Credentials> credentials;
  net::TlsOptions tls;
  bool plain_http = false;  // OCI over http://
  bool no_cache = false;
  bool progress = false;            // draw progress bars on stderr
  std::filesystem::path cache_dir;  // "" = $XDG_CACHE_HOME/kratix (or ~/.cache/kratix)
};

ChartFiles fetch_chart(const FetchOptions& options);

// A chart directory: kratix::Error naming it when it has no Chart.yaml.
ChartFiles read_chart_directory(const std::filesystem::path& dir);

// The default cache directory.
std::filesystem::path default_cache_dir();

}  // namespace kratix::chart
