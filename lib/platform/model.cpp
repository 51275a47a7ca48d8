#include "platform/model.hpp"

namespace kratix::platform {

namespace {

std::string text_at(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const nlohmann::json& object_at(const nlohmann::json& j, const char* key) {
  static const nlohmann::json empty = nlohmann::json::object();
  if (!j.is_object()) return empty;
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : empty;
}

std::optional<long> number_at(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<long>();
}

std::vector<Condition> conditions_of(const nlohmann::json& status) {
  std::vector<Condition> out;
  auto it = status.find("conditions");
  if (it == status.end() || !it->is_array()) return out;
  for (const auto& c : *it) {
    if (!c.is_object()) continue;
    out.push_back({text_at(c, "type"), text_at(c, "status"), text_at(c, "reason"), text_at(c, "message"),
                   text_at(c, "lastTransitionTime")});
  }
  return out;
}

}  // namespace

std::string status_of(const std::vector<Condition>& conditions) {
  for (const auto& c : conditions)
    if (c.type == "Reconciled") return !c.message.empty() ? c.message : c.status == "True" ? "Reconciled" : "Pending";
  for (const auto& c : conditions) {
    if (c.type != "ConfigureWorkflowCompleted") continue;
    if (c.status == "True") return "Configured";
    if (c.status == "False") return c.reason == "PipelinesInProgress" ? "Configuring" : "Failed";
  }
  return "Pending";
}

Request request_from(const nlohmann::json& o, const std::string& promise) {
  const nlohmann::json& meta = object_at(o, "metadata");
  const nlohmann::json& status = object_at(o, "status");
  Request r;
  r.promise = promise;
  r.api_version = text_at(o, "apiVersion");
  r.kind = text_at(o, "kind");
  r.name = text_at(meta, "name");
  r.namespace_ = text_at(meta, "namespace");
  r.created = text_at(meta, "creationTimestamp");
  r.message = text_at(status, "message");
  r.conditions = conditions_of(status);
  r.status = status_of(r.conditions);
  r.workflows = number_at(status, "workflows");
  r.workflows_succeeded = number_at(status, "workflowsSucceeded");
  r.workflows_failed = number_at(status, "workflowsFailed");
  return r;
}

PromiseInfo promise_from(const nlohmann::json& o) {
  const nlohmann::json& meta = object_at(o, "metadata");
  const nlohmann::json& status = object_at(o, "status");
  PromiseInfo p;
  p.name = text_at(meta, "name");
  p.created = text_at(meta, "creationTimestamp");
  p.version = text_at(object_at(meta, "labels"), kPromiseVersionLabel);
  p.status = text_at(status, "status");
  p.kind = text_at(status, "kind");
  p.api_version = text_at(status, "apiVersion");
  p.message = text_at(status, "message");
  p.conditions = conditions_of(status);
  // Before Kratix has reconciled it, the Promise's own spec says what its API is.
  const nlohmann::json& api = object_at(object_at(o, "spec"), "api");
  const nlohmann::json& api_spec = object_at(api, "spec");
  if (p.kind.empty()) p.kind = text_at(object_at(api_spec, "names"), "kind");
  if (p.api_version.empty() && api_spec.contains("versions") && api_spec["versions"].is_array()) {
    for (const auto& v : api_spec["versions"])
      if (v.is_object() && v.value("storage", false))
        p.api_version = text_at(api_spec, "group") + "/" + text_at(v, "name");
  }
  return p;
}

}  // namespace kratix::platform
