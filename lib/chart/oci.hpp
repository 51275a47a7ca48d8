#pragma once
// Helm charts in OCI registries (the distribution API Helm uses): tag
// resolution, the manifest's Helm chart layer, and the blob, with the
// anonymous bearer-token challenge, basic auth and stored credentials.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chart/credentials.hpp"
#include "net/http.hpp"

namespace kratix::chart {

inline constexpr const char* kHelmChartLayer = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

struct OciReference {
  std::string registry;      // host[:port]
  std::string repository;    // path/name
  std::string tag;           // "" when none was given
  std::string digest;        // "sha256:..." when pinned with @
  std::string name() const;  // the chart name: the last path segment
};

// Parses "oci://host[:port]/path/name[:tag][@sha256:...]"; kratix::UsageError when malformed.
OciReference parse_oci_reference(std::string_view url);

struct RegistryOptions {
  net::TlsOptions tls;
  bool plain_http = false;
  std::optional<Credentials> credentials;  // from flags; else the stored ones are looked up on a challenge
};

struct OciChart {
  std::string version;       // the tag used, as a version ('_' back to '+')
  std::string layer_digest;  // "sha256:<hex>"
  std::uint64_t size = 0;
};

class OciClient {
 public:
  OciClient(OciReference ref, RegistryOptions options);
  // The chart version to use: the reference's tag or digest, an exact
  // `constraint`, or the highest tag satisfying it (tags/list); "" = latest stable.
  OciChart resolve(const std::string& constraint);
  // Downloads the layer; the caller checks its digest.
  std::string download(const OciChart& chart, const std::string& progress);

 private:
  net::Response request(const std::string& path, const std::vector<std::string>& headers,
                        const std::string& progress = {}, std::uint64_t max_bytes = 0);
  bool authenticate(const net::Response& challenge);
  net::TlsOptions tls_for(const std::string& url) const;
  std::string origin() const;  // "https://host:port" of the registry
  std::string base() const;
  std::string where() const;

  OciReference ref_;
  RegistryOptions options_;
  std::optional<Credentials> credentials_;
  bool looked_up_ = false;
  bool use_basic_ = false;
  std::string token_;
};

}  // namespace kratix::chart
