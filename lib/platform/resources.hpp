#pragma once
// `kratix platform get resources PROMISE` and `platform get promises`: what
// they read from the API server.
//
// A Promise's requests are the objects of its API, found from the Promise
// (spec.api: group, kind, plural) and the server's discovery of that group
// (the preferred version, as kubectl picks it), listed in all namespaces (or
// one) page by page. Sub-requests are the requests of any Promise's API (the
// CRDs Kratix labels kratix.io/promise-name) that carry the labels a compound
// Promise's workflow sets today: kratix.io/parent-promise-name,
// kratix.io/parent-resource-name and kratix.io/parent-resource-namespace
// (when absent: the sub-request's own namespace). They nest to any depth; each
// level is asked for by its parents' Promise names, so the sub-requests of
// unrelated compound Promises are never read.
#include <functional>
#include <string>
#include <vector>

#include "kube/client.hpp"
#include "platform/model.hpp"

namespace kratix::platform {

struct PromiseApi {
  std::string promise;
  std::string group;
  std::string version;
  std::string kind;
  std::string plural;
  std::string api_version() const { return group + "/" + version; }
  // /apis/GROUP/VERSION[/namespaces/NS]/PLURAL
  std::string path(const std::string& namespace_ = "") const;
};

struct Resources {
  std::string promise;
  bool has_api = true;  // false: the Promise has no spec.api, so it takes no requests
  PromiseApi api;
  std::vector<Request> requests;      // by namespace, then name; sub-requests under their parents
  std::string resource_version;       // of the list, to watch from
  std::vector<std::string> warnings;  // what could not be read (e.g. no right to list CRDs)
};

// Throws kratix::Error: Kratix not installed, no such Promise (naming the
// installed ones), the Promise's API not (yet) on the server.
Resources get_resources(kube::Client& client, const std::string& promise, const std::string& namespace_ = "");

// Every Promise on the cluster, by name.
std::vector<PromiseInfo> get_promises(kube::Client& client);

// Watches the Promise's requests after `from`; each change (type ADDED,
// MODIFIED, DELETED) goes to on_change until it returns false. Re-watches
// when the server ends a watch; starts from a fresh list when the version is
// too old (410).
void watch_resources(kube::Client& client, const Resources& from, const std::string& namespace_,
                     const std::function<bool(const std::string& type, const Request& request)>& on_change);

}  // namespace kratix::platform
