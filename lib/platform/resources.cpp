#include "platform/resources.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/error.hpp"

namespace kratix::platform {

namespace {

constexpr const char* kPromisesPath = "/apis/platform.kratix.io/v1alpha1/promises";
constexpr const char* kCrdsPath = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
constexpr const char* kMetadataOnly =
    "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

std::string text_at(const nlohmann::json& j, const char* key) {
  auto it = j.is_object() ? j.find(key) : j.end();
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool by_place(const Request& a, const Request& b) {
  return std::tie(a.namespace_, a.promise, a.name) < std::tie(b.namespace_, b.promise, b.name);
}

void sort_tree(std::vector<Request>& requests) {
  std::sort(requests.begin(), requests.end(), by_place);
  for (auto& r : requests) sort_tree(r.children);
}

std::string key(const std::string& promise, const std::string& ns, const std::string& name) {
  return promise + "\n" + ns + "\n" + name;
}

// Discovery answers, cached for the run: a group's preferred version.
class Versions {
 public:
  explicit Versions(kube::Client& client) : client_(client) {}
  // "" when the server does not serve the group.
  std::string preferred(const std::string& group) {
    auto it = cache_.find(group);
    if (it != cache_.end()) return it->second;
    std::string version;
    try {
      const nlohmann::json g = client_.get("/apis/" + group);
      if (g.contains("preferredVersion")) version = text_at(g["preferredVersion"], "version");
      if (version.empty() && g.contains("versions") && g["versions"].is_array() && !g["versions"].empty())
        version = text_at(g["versions"][0], "version");
    } catch (const kube::ApiError& e) {
      if (e.status() != 404) throw;
    }
    return cache_[group] = version;
  }

 private:
  kube::Client& client_;
  std::map<std::string, std::string> cache_;
};

[[noreturn]] void not_installed(kube::Client& client, const std::string& promise) {
  std::vector<std::string> names;
  try {
    for (const auto& p : get_promises(client)) names.push_back(p.name);
  } catch (const Error&) {}
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  throw Error("Promise " + in_quotes(promise) + " is not installed on " + client.config().describe() +
              (names.empty() ? std::string(" (it has no Promises)") : " (its Promises: " + list + ")") +
              "; check the name, or the cluster with --context");
}

[[noreturn]] void no_kratix(kube::Client& client) {
  throw Error("Kratix is not installed on " + client.config().describe() + " (" + client.config().server +
              " serves no promises.platform.kratix.io); pick the platform cluster with --context, or install Kratix");
}

[[noreturn]] void api_missing(kube::Client& client, const PromiseApi& api) {
  throw Error("the API of Promise " + in_quotes(api.promise) + " (" + api.plural + "." + api.group +
              ") is not served by " + client.config().describe() +
              ": Kratix installs its CRD when it reconciles the Promise; see its status with 'kratix platform get "
              "promises'");
}

// Whose sub-request a request is, from its labels.
struct Parent {
  std::string promise, name, namespace_;
};

using Labelled = std::vector<std::pair<Parent, Request>>;

// The sub-requests of `root`'s requests and theirs, level by level: the
// requests of every Promise's API labelled with a parent Promise of the level
// (kratix.io/parent-promise-name in (...)), so requests of other compound
// Promises are not read.
Labelled labelled_requests(kube::Client& client, Versions& versions, const std::string& root,
                           std::vector<std::string>& warnings) {
  Labelled out;
  std::vector<PromiseApi> apis;
  try {
    kube::ListOptions crds;
    crds.label_selector = kPromiseNameLabel;
    crds.accept = kMetadataOnly;
    client.list(kCrdsPath, crds, [&](nlohmann::json& crd) {
      const nlohmann::json& meta = crd["metadata"];
      const std::string name = text_at(meta, "name");
      const auto dot = name.find('.');
      if (dot == std::string::npos) return;
      const std::string promise = meta.contains("labels") ? text_at(meta["labels"], kPromiseNameLabel) : "";
      apis.push_back({promise, name.substr(dot + 1), "", "", name.substr(0, dot)});
    });
  } catch (const kube::ApiError& e) {
    if (e.status() != 403) throw;
    warnings.push_back("sub-requests of compound Promises are not shown: user " + in_quotes(client.config().user) +
                       " may not list customresourcedefinitions");
    return out;
  }
  std::set<std::string> asked;
  std::set<std::string> level = {root};
  for (int depth = 0; depth < 16 && !level.empty(); ++depth) {
    std::string parents;
    for (const auto& p : level) parents += (parents.empty() ? "" : ",") + p;
    asked.insert(level.begin(), level.end());
    std::set<std::string> next;
    for (PromiseApi& api : apis) {
      if (api.group.empty()) continue;
      if (api.version.empty()) api.version = versions.preferred(api.group);
      if (api.version.empty()) continue;  // not served (yet)
      kube::ListOptions o;
      o.label_selector = std::string(kParentPromiseLabel) + " in (" + parents + ")," + kParentNameLabel;
      try {
        client.list(api.path(), o, [&](nlohmann::json& item) {
          Request r = request_from(item, api.promise);
          const nlohmann::json& labels = item["metadata"]["labels"];
          Parent parent{text_at(labels, kParentPromiseLabel), text_at(labels, kParentNameLabel),
                        text_at(labels, kParentNamespaceLabel)};
          if (parent.namespace_.empty()) parent.namespace_ = r.namespace_;
          if (!asked.count(api.promise)) next.insert(api.promise);
          out.emplace_back(std::move(parent), std::move(r));
        });
      } catch (const kube::ApiError& e) {
        if (e.status() != 403 && e.status() != 404) throw;
        if (e.status() == 403)
          warnings.push_back("sub-requests of Promise " + in_quotes(api.promise) +
                             " are not shown: " + e.server_message());
        api.version.clear();
        api.group.clear();  // not asked again at the next level
      }
    }
    level = std::move(next);
  }
  return out;
}

// Hangs every labelled request under its parent, to any depth.
void attach(std::vector<Request>& roots, Labelled& labelled) {
  std::multimap<std::string, Request> by_parent;
  for (auto& [p, r] : labelled)
    if (!p.name.empty()) by_parent.emplace(key(p.promise, p.namespace_, p.name), std::move(r));
  std::set<std::string> placed;  // a request under one parent only, and no cycles
  std::function<void(Request&, int)> fill = [&](Request& parent, int depth) {
    if (depth > 16) return;
    const std::string k = key(parent.promise, parent.namespace_, parent.name);
    auto [lo, hi] = by_parent.equal_range(k);
    for (auto it = lo; it != hi; ++it) {
      const std::string child = key(it->second.promise, it->second.namespace_, it->second.name);
      if (!placed.insert(child).second) continue;
      parent.children.push_back(it->second);
    }
    for (auto& c : parent.children) fill(c, depth + 1);
  };
  for (auto& r : roots) placed.insert(key(r.promise, r.namespace_, r.name));
  for (auto& r : roots) fill(r, 0);
}

}  // namespace

std::string PromiseApi::path(const std::string& namespace_) const {
  std::string p = "/apis/" + group + "/" + version;
  if (!namespace_.empty()) p += "/namespaces/" + namespace_;
  return p + "/" + plural;
}

std::vector<PromiseInfo> get_promises(kube::Client& client) {
  std::vector<PromiseInfo> out;
  try {
    client.list(kPromisesPath, {}, [&](nlohmann::json& p) { out.push_back(promise_from(p)); });
  } catch (const kube::ApiError& e) {
    if (e.status() == 404) no_kratix(client);
    throw;
  }
  std::sort(out.begin(), out.end(), [](const PromiseInfo& a, const PromiseInfo& b) { return a.name < b.name; });
  return out;
}

Resources get_resources(kube::Client& client, const std::string& promise, const std::string& namespace_) {
  Resources out;
  out.promise = promise;
  nlohmann::json p;
  try {
    p = client.get(std::string(kPromisesPath) + "/" + promise);
  } catch (const kube::ApiError& e) {
    if (e.status() != 404) throw;
    if (e.server_message().find(in_quotes(promise) + " not found") != std::string::npos) not_installed(client, promise);
    no_kratix(client);
  }
  const nlohmann::json* api = nullptr;
  if (p.contains("spec") && p["spec"].is_object() && p["spec"].contains("api") && p["spec"]["api"].is_object())
    api = &p["spec"]["api"];
  if (api == nullptr) {
    out.has_api = false;
    return out;
  }
  const nlohmann::json& spec = api->contains("spec") ? (*api)["spec"] : nlohmann::json::object();
  out.api.promise = promise;
  out.api.group = text_at(spec, "group");
  if (spec.contains("names")) {
    out.api.kind = text_at(spec["names"], "kind");
    out.api.plural = text_at(spec["names"], "plural");
  }
  if (out.api.group.empty() || out.api.plural.empty())
    throw Error("the API of Promise " + in_quotes(promise) + " on " + client.config().describe() +
                " names no group or plural (spec.api.spec.group, spec.api.spec.names.plural); fix the Promise");
  Versions versions(client);
  out.api.version = versions.preferred(out.api.group);
  if (out.api.version.empty()) api_missing(client, out.api);
  try {
    out.resource_version = client.list(out.api.path(namespace_), {}, [&](nlohmann::json& item) {
      out.requests.push_back(request_from(item, promise));
    });
  } catch (const kube::ApiError& e) {
    if (e.status() == 404) api_missing(client, out.api);
    throw;
  }
  if (!out.requests.empty()) {
    Labelled labelled = labelled_requests(client, versions, promise, out.warnings);
    attach(out.requests, labelled);
  }
  sort_tree(out.requests);
  return out;
}

void watch_resources(kube::Client& client, const Resources& from, const std::string& namespace_,
                     const std::function<bool(const std::string&, const Request&)>& on_change) {
  std::string version = from.resource_version;
  bool go_on = true;
  while (go_on) {
    try {
      version = client.watch(from.api.path(namespace_), version, [&](const std::string& type, nlohmann::json& o) {
        if (type == "BOOKMARK") return true;
        go_on = on_change(type, request_from(o, from.promise));
        return go_on;
      });
    } catch (const kube::ApiError& e) {
      if (e.status() != 410) throw;
      // Too old to resume: list again, report each request once more, go on from there.
      Resources fresh = get_resources(client, from.promise, namespace_);
      for (const auto& r : fresh.requests)
        if (!(go_on = on_change("MODIFIED", r))) break;
      version = fresh.resource_version;
    }
  }
}

}  // namespace kratix::platform
