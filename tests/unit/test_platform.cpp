#include <doctest/doctest.h>

#include "platform/model.hpp"
#include "platform/render.hpp"

using namespace kratix::platform;
using std::chrono::seconds;

namespace {

Request request(const std::string& promise, const std::string& ns, const std::string& name) {
  Request r;
  r.promise = promise;
  r.namespace_ = ns;
  r.name = name;
  r.created = "2030-01-01T00:00:00Z";
  r.status = "Pending";
  return r;
}

Clock::time_point at(long seconds_after) {
  return Clock::from_time_t(1893456000) + std::chrono::seconds(seconds_after);
}

}  // namespace

TEST_CASE("platform: AGE is written as kubectl writes it") {
  CHECK(human_age(seconds(-5)) == "<invalid>");
  CHECK(human_age(seconds(-1)) == "0s");
  CHECK(human_age(seconds(0)) == "0s");
  CHECK(human_age(seconds(119)) == "119s");
  CHECK(human_age(seconds(120)) == "2m");
  CHECK(human_age(seconds(200)) == "3m20s");
  CHECK(human_age(seconds(600)) == "10m");
  CHECK(human_age(seconds(3 * 3600 - 1)) == "179m");
  CHECK(human_age(seconds(3 * 3600)) == "3h");
  CHECK(human_age(seconds(5 * 3600 + 240)) == "5h4m");
  CHECK(human_age(seconds(47 * 3600)) == "47h");
  CHECK(human_age(seconds(3 * 86400 + 4 * 3600)) == "3d4h");
  CHECK(human_age(seconds(30 * 86400)) == "30d");
  CHECK(human_age(seconds(2 * 365 * 86400 + 5 * 86400)) == "2y5d");
  CHECK(human_age(seconds(9L * 365 * 86400)) == "9y");
  CHECK(age_of("2030-01-01T00:00:00Z", at(200)) == "3m20s");
  CHECK(age_of("yesterday", at(0)) == "<unknown>");
}

TEST_CASE("platform: columns are padded as kubectl's tabwriter pads them") {
  CHECK(format_table({{"NAME", "AGE"}, {"a", "1s"}, {"longer-name", "2s"}}) ==
        "NAME          AGE\n"
        "a             1s\n"
        "longer-name   2s\n");
  CHECK(format_table({{"X", "Y", "Z"}, {"", "", "z"}}) == "X     Y     Z\n            z\n");
}

TEST_CASE("platform: STATUS comes from the Reconciled condition, else the configure workflow") {
  CHECK(status_of({}) == "Pending");
  CHECK(status_of({{"Reconciled", "True", "", "Reconciled", ""}}) == "Reconciled");
  CHECK(status_of({{"Reconciled", "False", "", "Failing", ""}, {"ConfigureWorkflowCompleted", "True", "", "", ""}}) ==
        "Failing");
  CHECK(status_of({{"ConfigureWorkflowCompleted", "False", "PipelinesInProgress", "", ""}}) == "Configuring");
  CHECK(status_of({{"ConfigureWorkflowCompleted", "False", "ConfigureWorkflowFailed", "", ""}}) == "Failed");
  CHECK(status_of({{"ConfigureWorkflowCompleted", "True", "PipelinesExecutedSuccessfully", "", ""}}) == "Configured");
}

TEST_CASE("platform: a request is read from its object, status and workflow counters included") {
  auto o = nlohmann::json::parse(R"({"apiVersion":"example.com/v1","kind":"App",
    "metadata":{"name":"a","namespace":"team-a","creationTimestamp":"2030-01-01T00:00:00Z"},
    "status":{"message":"Resource requested","workflows":2,"workflowsSucceeded":1,"workflowsFailed":1,
              "conditions":[{"type":"Reconciled","status":"False","message":"Failing","reason":"x"}]}})");
  Request r = request_from(o, "app");
  CHECK(r.name == "a");
  CHECK(r.namespace_ == "team-a");
  CHECK(r.api_version == "example.com/v1");
  CHECK(r.message == "Resource requested");
  CHECK(r.status == "Failing");
  CHECK(r.workflows == 2);
  CHECK(r.workflows_failed == 1);
  auto p =
      promise_from(nlohmann::json::parse(R"({"metadata":{"name":"app","labels":{"kratix.io/promise-version":"v1.2"}},
    "spec":{"api":{"spec":{"group":"example.com","names":{"kind":"App"},"versions":[{"name":"v1","storage":true}]}}}})"));
  CHECK(p.version == "v1.2");
  CHECK(p.kind == "App");  // from spec.api until Kratix sets status.kind
  CHECK(p.api_version == "example.com/v1");
}

TEST_CASE("platform: sub-requests are drawn as a tree under their parent") {
  Resources res;
  res.promise = "app";
  Request a = request("app", "default", "a");
  a.message = "Resource requested";
  Request db = request("database", "default", "a-db");
  db.children.push_back(request("volume", "default", "a-db-vol"));
  a.children.push_back(db);
  a.children.push_back(request("cache", "other", "a-cache"));
  res.requests = {a, request("app", "team-b", "b")};
  CHECK(resources_table(res, false, at(30)) ==
        "NAMESPACE   NAME                    STATUS    MESSAGE              AGE\n"
        "default     a                       Pending   Resource requested   30s\n"
        "default     ├─ database/a-db        Pending                        30s\n"
        "default     │  └─ volume/a-db-vol   Pending                        30s\n"
        "other       └─ cache/a-cache        Pending                        30s\n"
        "team-b      b                       Pending                        30s\n");
  const std::string wide = resources_table(res, true, at(30));
  CHECK(
      wide.starts_with("NAMESPACE   NAME                    STATUS    MESSAGE              AGE   WORKFLOWS   "
                       "CONDITIONS\n"));
  res.requests.clear();
  CHECK(resources_table(res, false, at(0)) == "No requests found for Promise \"app\".\n");
  res.has_api = false;
  CHECK(resources_table(res, false, at(0)) == "Promise \"app\" has no API, so it has no requests.\n");
}

TEST_CASE("platform: -o yaml keeps strings strings and the documents' key order") {
  Resources res;
  res.promise = "app";
  res.api = {"app", "example.com", "v1", "App", "apps"};
  Request a = request("app", "default", "a");
  a.message = "true";
  a.conditions.push_back({"Reconciled", "True", "", "", ""});
  res.requests = {a};
  const std::string yaml = to_yaml(resources_document(res));
  CHECK(yaml.starts_with("promise: app\napi:\n  group: example.com\n  version: v1\n"));
  CHECK(yaml.find("    message: 'true'\n") != std::string::npos);
  CHECK(yaml.find("      - type: Reconciled\n        status: 'True'\n") != std::string::npos);
  CHECK(resources_document(res).dump().find(R"("subRequests":[])") != std::string::npos);
}
