#pragma once
// What `kratix platform get` shows: resource requests (with the sub-requests
// of compound Promises as children) and installed Promises, read from the
// objects the API server returns.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kratix::platform {

struct Condition {
  std::string type;
  std::string status;  // True, False, Unknown
  std::string reason;
  std::string message;
  std::string last_transition;
};

struct Request {
  std::string promise;  // whose API it is a request of
  std::string api_version;
  std::string kind;
  std::string name;
  std::string namespace_;
  std::string created;  // metadata.creationTimestamp (RFC 3339)
  std::string status;   // the summary of the conditions (see status_of)
  std::string message;  // status.message, set by Kratix and the workflows
  std::vector<Condition> conditions;
  std::optional<long> workflows, workflows_succeeded, workflows_failed;
  std::vector<Request> children;  // sub-requests, for compound Promises
};

struct PromiseInfo {
  std::string name;
  std::string status;  // status.status: Available, Unavailable
  std::string kind;    // status.kind, else spec.api's kind
  std::string api_version;
  std::string version;  // the kratix.io/promise-version label
  std::string message;  // status.message
  std::string created;
  std::vector<Condition> conditions;
};

// The labels Kratix sets today: on the CRD it makes from a Promise, and on the
// requests a compound Promise's workflow emits (api/v1alpha1/work_types.go).
inline constexpr const char* kPromiseNameLabel = "kratix.io/promise-name";
inline constexpr const char* kPromiseVersionLabel = "kratix.io/promise-version";
inline constexpr const char* kParentPromiseLabel = "kratix.io/parent-promise-name";
inline constexpr const char* kParentNameLabel = "kratix.io/parent-resource-name";
inline constexpr const char* kParentNamespaceLabel = "kratix.io/parent-resource-namespace";

// A request as read from its object (children not filled).
Request request_from(const nlohmann::json& object, const std::string& promise);
PromiseInfo promise_from(const nlohmann::json& object);

// STATUS: the Reconciled condition's message (Kratix's own "status" column),
// else what ConfigureWorkflowCompleted says (Configured, Configuring, Failed),
// else Pending.
std::string status_of(const std::vector<Condition>& conditions);

}  // namespace kratix::platform
