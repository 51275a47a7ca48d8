#include "chart/oci.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "chart/oci_parse.hpp"
#include "chart/repo_index.hpp"
#include "chart/semver.hpp"
#include "core/error.hpp"
#include "util/digest.hpp"

namespace kratix::chart {

namespace {

constexpr std::uint64_t kMaxChartBytes = 128ull << 20;
constexpr int kMaxTagPages = 200;

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

std::string first_line(const std::string& body) {
  std::string s = body.substr(0, body.find('\n'));
  return s.size() > 200 ? s.substr(0, 200) + "..." : s;
}

std::string tag_to_version(std::string tag) {
  std::replace(tag.begin(), tag.end(), '_', '+');  // OCI tags cannot hold '+'
  return tag;
}

std::string version_to_tag(std::string version) {
  std::replace(version.begin(), version.end(), '+', '_');
  return version;
}

}  // namespace

std::string OciReference::name() const {
  auto slash = repository.rfind('/');
  return slash == std::string::npos ? repository : repository.substr(slash + 1);
}

OciReference parse_oci_reference(std::string_view url) {
  const std::string text(url);
  auto bad = [&](const std::string& why) {
    return UsageError("--chart-url " + text + ": " + why +
                      "; write it as oci://REGISTRY/PATH/CHART (e.g. oci://ghcr.io/org/charts/web)");
  };
  if (url.rfind("oci://", 0) != 0) throw bad("not an oci:// reference");
  url.remove_prefix(6);
  auto slash = url.find('/');
  if (slash == std::string_view::npos || slash == 0) throw bad("no repository path after the registry");
  OciReference r;
  r.registry = std::string(url.substr(0, slash));
  std::string rest(url.substr(slash + 1));
  if (auto at = rest.find('@'); at != std::string::npos) {
    r.digest = rest.substr(at + 1);
    rest.erase(at);
    if (r.digest.rfind("sha256:", 0) != 0 || r.digest.size() != 71)
      throw bad("the digest after @ is not sha256:<64 hex digits>");
  }
  auto last = rest.rfind('/');
  auto colon = rest.find(':', last == std::string::npos ? 0 : last);
  if (colon != std::string::npos) {
    r.tag = rest.substr(colon + 1);
    rest.erase(colon);
    if (r.tag.empty()) throw bad("empty tag after ':'");
  }
  r.repository = rest;
  while (!r.repository.empty() && r.repository.back() == '/') r.repository.pop_back();
  if (r.repository.empty()) throw bad("no chart name");
  for (char ch : r.repository)
    if (!(std::islower(static_cast<unsigned char>(ch)) || std::isdigit(static_cast<unsigned char>(ch)) || ch == '.' ||
          ch == '_' || ch == '-' || ch == '/'))
      throw bad("the repository path may hold only lower-case letters, digits and . _ - /");
  return r;
}

OciClient::OciClient(OciReference ref, RegistryOptions options) : ref_(std::move(ref)), options_(std::move(options)) {}

std::string OciClient::base() const {
  return (options_.plain_http ? "http://" : "https://") + ref_.registry + "/v2/" + ref_.repository;
}

std::string OciClient::where() const { return "oci://" + ref_.registry + "/" + ref_.repository; }

std::string OciClient::origin() const { return (options_.plain_http ? "http://" : "https://") + ref_.registry; }

bool OciClient::authenticate(const net::Response& response) {
  if (!looked_up_) {
    credentials_ = options_.credentials ? options_.credentials : stored_credentials(ref_.registry);
    looked_up_ = true;
  }
  const Challenge c = parse_challenge(response.header("www-authenticate"));
  if (c.scheme == "basic") {
    if (!credentials_ || use_basic_) return false;
    use_basic_ = true;
    return true;
  }
  if (c.scheme != "bearer" || !c.params.count("realm")) return false;
  std::string url = c.params.at("realm");
  // The registry's credentials go to a token service on the registry's own
  // scheme, host and port only (and Docker Hub's auth.docker.io). One
  // elsewhere is asked for an anonymous token: the token goes back to the
  // registry, so not even credentials stored for the other host may be used.
  const bool same_host = net::same_origin(url, origin()) || same_registry_family(ref_.registry, url);
  const std::optional<Credentials> realm_credentials = same_host ? credentials_ : std::nullopt;
  const auto elsewhere = [&] {
    return Error(ref_.registry + ": the registry's token service is on another host (" + net::url_authority(url) +
                 "), and kratix sends the registry's credentials to the registry's own host only; download the "
                 "chart with helm pull and pass the .tgz with --chart-url");
  };
  if (!token_.empty() && !realm_credentials) {
    if (!same_host && credentials_) throw elsewhere();
    return false;  // an anonymous token was not enough
  }
  std::string scope = c.params.count("scope") ? c.params.at("scope") : "repository:" + ref_.repository + ":pull";
  url += (url.find('?') == std::string::npos ? "?" : "&");
  if (c.params.count("service")) url += "service=" + url_encode(c.params.at("service")) + "&";
  url += "scope=" + url_encode(scope);
  net::Request r;
  r.url = url;
  r.tls = tls_for(url);
  if (realm_credentials) r.basic = *realm_credentials;
  net::Response t = net::get(r);
  if ((t.status == 401 || t.status == 403) && !same_host && credentials_) throw elsewhere();
  if (t.status == 401 || t.status == 403)
    throw Error(ref_.registry + ": the registry's token service refused " +
                (realm_credentials ? std::string("the credentials") : std::string("anonymous access")) + " to " +
                where() + " (HTTP " + std::to_string(t.status) +
                "); pass --username/--password, or log in with helm registry login " + ref_.registry);
  if (t.status / 100 != 2)
    throw Error(ref_.registry + ": the registry's token service at " + net::url_for_humans(url) + " answered HTTP " +
                std::to_string(t.status));
  std::string token = token_of(t.body);
  if (token.empty()) throw Error(ref_.registry + ": the registry's token service gave no token");
  token_ = token;
  use_basic_ = false;
  return true;
}

net::TlsOptions OciClient::tls_for(const std::string& url) const {
  net::TlsOptions tls = options_.tls;
  if (!net::same_origin(url, origin()))
    tls.cert_file.clear(), tls.key_file.clear();  // a client certificate is for the registry
  return tls;
}

net::Response OciClient::request(const std::string& path, const std::vector<std::string>& headers,
                                 const std::string& progress, std::uint64_t max_bytes) {
  const std::string url = path.rfind("http", 0) == 0 ? path : base() + path;
  // A URL the registry pointed at (a Link to the next page) may be elsewhere:
  // it gets no credentials, and its challenges are not answered.
  const bool ours = net::same_origin(url, origin());
  for (int round = 0;; ++round) {
    net::Request r;
    r.url = url;
    r.headers = headers;
    r.tls = tls_for(url);
    r.progress = progress;
    r.max_bytes = max_bytes;
    if (ours && use_basic_ && credentials_)
      r.basic = *credentials_;
    else if (ours && !token_.empty())
      r.bearer = token_;
    net::Response response = net::get(r);
    if (options_.plain_http && response.status == 400 && response.body.find("HTTPS") != std::string::npos)
      throw Error(ref_.registry + " speaks HTTPS (it answered HTTP 400: " + first_line(response.body) +
                  "); drop --plain-http");
    if (response.status != 401 || !ours || round >= 2 || !authenticate(response)) {
      if (response.status == 401 || response.status == 403)
        throw Error(ref_.registry + ": access to " + where() + " was denied (HTTP " + std::to_string(response.status) +
                    (ours ? "" : " at " + net::url_for_humans(url) + ", where the registry sent kratix") +
                    "); pass --username/--password, or log in with helm registry login " + ref_.registry);
      return response;
    }
  }
}

OciChart OciClient::resolve(const std::string& constraint) {
  std::string reference;
  OciChart chart;
  if (!ref_.digest.empty()) {
    if (!constraint.empty() && (ref_.tag.empty() || tag_to_version(ref_.tag) != constraint))
      throw UsageError("--chart-url pins digest " + ref_.digest + " and --chart-version says " + constraint +
                       "; drop --chart-version");
    reference = ref_.digest;
    chart.version = tag_to_version(ref_.tag);
  } else if (!ref_.tag.empty()) {
    if (!constraint.empty() && tag_to_version(ref_.tag) != constraint)
      throw UsageError("--chart-url names tag " + ref_.tag + " and --chart-version says " + constraint +
                       "; give the version in one place");
    reference = ref_.tag;
    chart.version = tag_to_version(ref_.tag);
  } else if (!constraint.empty() && Constraint::parse(constraint).is_exact()) {
    reference = version_to_tag(constraint);
    chart.version = constraint;
  }
  std::vector<std::string> versions;
  // Every tag once, however the registry pages them (a Link back to a page
  // already read ends the listing).
  auto list_tags = [&] {
    versions.clear();
    std::set<std::string> seen_tags, seen_pages;
    std::string next = base() + "/tags/list";
    for (int page = 0; page < kMaxTagPages && !next.empty() && seen_pages.insert(next).second; ++page) {
      net::Response t = request(next, {"Accept: application/json"});
      if (t.status == 404) throw Error(where() + " does not exist in the registry (HTTP 404); check the path");
      if (t.status / 100 != 2)
        throw Error(where() + ": listing tags failed with HTTP " + std::to_string(t.status) + ": " +
                    first_line(t.body));
      for (auto& tag : tags_of(t.body, where()))
        if (seen_tags.insert(tag).second) versions.push_back(tag_to_version(std::move(tag)));
      next = next_link(t.header("link"), origin());
    }
  };
  if (reference.empty()) {
    list_tags();
    const Constraint c = Constraint::parse(constraint.empty() ? "*" : constraint);
    auto pick = pick_highest(versions, c);
    if (!pick) {
      auto near = nearest_versions(versions, constraint);
      std::string list;
      for (const auto& v : near) list += (list.empty() ? "" : ", ") + v;
      if (versions.empty()) throw Error(where() + " has no tags; push the chart with helm push first");
      throw Error(where() + " has no " +
                  (constraint.empty() ? std::string("stable version") : "version matching \"" + constraint + "\"") +
                  (list.empty() ? std::string() : "; nearest: " + list));
    }
    chart.version = versions[*pick];
    reference = version_to_tag(chart.version);
  }
  net::Response m =
      request("/manifests/" + reference,
              {"Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.oci.artifact.manifest.v1+json"});
  if (m.status == 404) {
    std::string hint;
    if (ref_.digest.empty()) {
      try {
        list_tags();
        auto near = nearest_versions(versions, chart.version);
        for (const auto& v : near) hint += (hint.empty() ? "; nearest: " : ", ") + v;
      } catch (const Error&) {}
    }
    throw Error(where() + " has no version " + (chart.version.empty() ? reference : chart.version) + " (HTTP 404)" +
                hint);
  }
  const std::string shown = where() + (ref_.digest.empty() ? ":" : "@") + reference;
  if (m.status / 100 != 2)
    throw Error(shown + ": fetching the manifest failed with HTTP " + std::to_string(m.status) + ": " +
                first_line(m.body) + (ref_.digest.empty() ? "" : " (is the digest that of a manifest?)"));
  if (!ref_.digest.empty() && "sha256:" + util::sha256_hex(m.body) != ref_.digest)
    throw Error(shown + ": the registry sent a manifest whose digest is sha256:" + util::sha256_hex(m.body) +
                "; the registry or something between you and it is misbehaving");
  const ChartLayer layer = chart_layer_of(m.body, shown);
  chart.layer_digest = layer.digest;
  chart.size = layer.size;
  return chart;
}

std::string OciClient::download(const OciChart& chart, const std::string& progress) {
  net::Response b = request("/blobs/" + chart.layer_digest, {}, progress, kMaxChartBytes);
  if (b.status / 100 != 2)
    throw Error(where() + ": downloading the chart layer " + chart.layer_digest + " failed with HTTP " +
                std::to_string(b.status));
  return std::move(b.body);
}

}  // namespace kratix::chart
