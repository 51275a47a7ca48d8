#pragma once
// HTTP(S) GET over libcurl, as chart fetching needs it: TLS options, basic and
// bearer credentials that never follow a redirect to another host, proxies
// from the environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY, upper or lower
// case, as Helm reads them), redirects, timeouts, retries with backoff for
// transient failures, and a progress bar when asked.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kratix::net {

struct TlsOptions {
  std::string ca_file;    // PEM bundle to trust instead of the system's
  std::string cert_file;  // client certificate (PEM)
  std::string key_file;   // its key (PEM)
  bool insecure = false;  // skip verification of the server's certificate
  // PEM text in memory (kubeconfig *-data fields), used instead of the files.
  std::string ca_pem;
  std::string cert_pem;
  std::string key_pem;
};

struct Request {
  std::string url;
  std::vector<std::string> headers;                          // "Name: value"
  std::optional<std::pair<std::string, std::string>> basic;  // username, password
  std::string bearer;                                        // token
  TlsOptions tls;
  int retries = 3;                         // extra attempts after a transient failure
  std::chrono::milliseconds backoff{250};  // first wait; doubles each retry
  std::uint64_t max_bytes = 0;             // refuse bodies larger than this (0 = no limit)
  std::string progress;                    // label of a progress bar on stderr ("" = none)
  bool compressed = false;                 // accept gzip/deflate transfer encoding (not for .tgz files)
  // The proxy for this request, instead of HTTP(S)_PROXY/NO_PROXY ("" = none);
  // http://, https:// or socks5:// (a kubeconfig's proxy-url).
  std::optional<std::string> proxy;
  std::chrono::milliseconds timeout{0};  // the whole request, connection included (0 = no limit)
  bool stream = false;                   // a long-lived response (a watch): no stall limit
  std::string tls_advice;                // what to do when TLS fails ("" = the chart-fetching flags)
};

struct Response {
  long status = 0;
  std::string body;                            // unless a sink took it (error bodies: first 64 KiB)
  std::map<std::string, std::string> headers;  // of the final response; names lower-case
  std::string url;                             // after redirects
  std::string header(const std::string& lower_name) const;
};

// Receives a 2xx body as it arrives. restart() is called before a retry
// delivers the body again from the start.
struct Sink {
  virtual ~Sink() = default;
  virtual void restart() = 0;
  virtual void write(std::string_view chunk) = 0;
};

// GET. Transport failures (DNS, connection, TLS, timeouts, truncated bodies)
// throw kratix::Error with a one-line message naming the URL's host and what
// to do; HTTP statuses are returned (after retrying 408, 429 and 5xx).
// With a sink, a 2xx body goes to the sink instead of Response::body.
Response get(const Request& request, Sink* sink = nullptr);

// The host[:port] of a URL ("https://a.b:8443/x" -> "a.b:8443").
std::string url_authority(std::string_view url);
// Whether two URLs have the same scheme, host and port (ports made explicit,
// host names compared without case): the unit credentials belong to, as
// Docker, Helm and libcurl's redirects treat it. "127.0.0.1" and "localhost"
// are different hosts; so are two ports of one host.
bool same_origin(std::string_view a, std::string_view b);
// A URL without user info, query or fragment, for messages.
std::string url_for_humans(std::string_view url);
// Resolves `ref` against `base` as a chart repository does (base is a
// directory: "https://r/charts" + "x.tgz" -> "https://r/charts/x.tgz").
std::string resolve_url(std::string_view base, std::string_view ref);

}  // namespace kratix::net
