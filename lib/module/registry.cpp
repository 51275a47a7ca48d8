#include "module/registry.hpp"

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "module/tf_version.hpp"

namespace kratix::module {

using nlohmann::json;

namespace {

constexpr std::uint64_t kMaxJsonBytes = 16ull << 20;

// TF_TOKEN_<host>: dots become underscores, dashes double underscores (Terraform's rule).
std::string token_for(const std::string& host) {
  std::string name = "TF_TOKEN_";
  for (char c : host) {
    if (c == '.') {
      name += '_';
    } else if (c == '-') {
      name += "__";
    } else {
      name += c;
    }
  }
  const char* v = std::getenv(name.c_str());
  return v != nullptr ? v : "";
}

struct Client {
  const Source& s;
  const net::TlsOptions& tls;
  std::string token = token_for(s.host);

  net::Response get(const std::string& url, const std::string& what) const {
    net::Request r;
    r.url = url;
    r.tls = tls;
    r.max_bytes = kMaxJsonBytes;
    r.compressed = true;
    if (!token.empty() && net::url_authority(url) == s.host) r.bearer = token;
    net::Response resp = net::get(r);
    if (resp.status == 401 || resp.status == 403)
      throw Error(net::url_for_humans(url) + " needs credentials for " + what + " (HTTP " +
                  std::to_string(resp.status) + "); set TF_TOKEN_" + s.host + " (dots as _) to an API token");
    return resp;
  }

  json parse(const net::Response& resp, const std::string& url) const {
    try {
      return json::parse(resp.body);
    } catch (const json::exception&) {  // parse_error, or out_of_range for a number too large
      throw Error(net::url_for_humans(url) + " did not answer JSON; is " + s.host + " a Terraform registry?");
    }
  }
};

std::string origin(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto slash = url.find('/', scheme + 3);
  return slash == std::string::npos ? url : url.substr(0, slash);
}

}  // namespace

std::string resolve_reference(const std::string& base, const std::string& ref) {
  if (ref.find("://") != std::string::npos || ref.find("::") != std::string::npos) return ref;
  if (ref.rfind("//", 0) == 0) return base.substr(0, base.find("://") + 1) + ref;
  if (!ref.empty() && ref.front() == '/') return origin(base) + ref;
  std::string dir = base.substr(0, base.find_first_of("?#"));
  const auto scheme = dir.find("://");
  const auto slash = dir.rfind('/');
  if (scheme != std::string::npos && slash > scheme + 2) {
    dir = dir.substr(0, slash + 1);
  } else {
    dir += '/';
  }
  std::string r = ref;
  while (r.rfind("./", 0) == 0) r.erase(0, 2);
  return dir + r;
}

RegistryDownload resolve_registry_module(const Source& s, const std::string& constraint_text,
                                         const net::TlsOptions& tls) {
  const TfConstraint constraint = TfConstraint::parse(constraint_text);
  Client c{s, tls};
  const std::string address = s.address();

  const std::string discovery = "https://" + s.host + "/.well-known/terraform.json";
  net::Response d = c.get(discovery, "service discovery");
  if (d.status == 404)
    throw Error(s.host + " is not a Terraform registry: " + net::url_for_humans(discovery) +
                " was not found (HTTP 404); check the host of --module-source");
  if (d.status / 100 != 2) throw Error(net::url_for_humans(discovery) + " answered HTTP " + std::to_string(d.status));
  const json services = c.parse(d, discovery);
  if (!services.is_object() || !services.contains("modules.v1") || !services["modules.v1"].is_string())
    throw Error(s.host + " serves no Terraform modules (its " + net::url_for_humans(discovery) +
                " has no \"modules.v1\")");
  std::string base = resolve_reference(d.url.empty() ? discovery : d.url, services["modules.v1"].get<std::string>());
  if (base.back() != '/') base += '/';
  const std::string module = base + s.registry_namespace + "/" + s.name + "/" + s.provider;

  const std::string versions_url = module + "/versions";
  net::Response v = c.get(versions_url, address);
  if (v.status == 404)
    throw Error("module " + address + " was not found in the registry " + s.host +
                " (HTTP 404); check NAMESPACE/NAME/PROVIDER in --module-source");
  if (v.status / 100 != 2)
    throw Error(net::url_for_humans(versions_url) + " answered HTTP " + std::to_string(v.status));
  const json listing = c.parse(v, versions_url);
  std::vector<std::string> versions;
  if (listing.contains("modules") && listing["modules"].is_array()) {
    for (const auto& m : listing["modules"]) {
      if (!m.contains("versions") || !m["versions"].is_array()) continue;
      for (const auto& entry : m["versions"])
        if (entry.contains("version") && entry["version"].is_string())
          versions.push_back(entry["version"].get<std::string>());
    }
  }
  if (versions.empty()) throw Error("the registry " + s.host + " lists no versions of " + address);
  const auto picked = pick_tf_version(versions, constraint);
  if (!picked) {
    std::string some;
    for (std::size_t i = 0; i < versions.size() && i < 8; ++i) some += (i ? ", " : "") + versions[i];
    throw Error("no version of " + address + " matches --module-registry-version " + constraint.text() +
                "; the registry has " + some + (versions.size() > 8 ? ", ..." : ""));
  }

  const std::string download_url = module + "/" + *picked + "/download";
  net::Response dl = c.get(download_url, address);
  if (dl.status == 404)
    throw Error("the registry " + s.host + " has no download for " + address + " " + *picked + " (HTTP 404)");
  if (dl.status / 100 != 2)
    throw Error(net::url_for_humans(download_url) + " answered HTTP " + std::to_string(dl.status));
  std::string location = dl.header("x-terraform-get");
  if (location.empty())
    throw Error(net::url_for_humans(download_url) + " gave no X-Terraform-Get header; the registry " + s.host +
                " does not say where " + address + " " + *picked + " is");
  return {resolve_reference(dl.url.empty() ? download_url : dl.url, location), *picked};
}

}  // namespace kratix::module
