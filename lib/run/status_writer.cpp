#include "run/status_writer.hpp"

#include <ctime>

#include "core/error.hpp"
#include "fs/atomic_write.hpp"
#include "run/duration.hpp"

namespace stdfs = std::filesystem;

namespace kratix::run {

namespace {

bool read_metadata(const stdfs::path& file, const std::string& shown, Json& value, std::string& error) {
  if (!stdfs::exists(file)) return false;
  try {
    value = parse_yaml_value(fs::read_file(file), shown);
  } catch (const Error& e) {
    error = e.describe();
  }
  return true;
}

}  // namespace

WorkflowControl read_workflow_control(const stdfs::path& metadata, std::string& error) {
  WorkflowControl c;
  Json doc;
  std::string why;
  if (!read_metadata(metadata / "workflow-control.yaml", "metadata/workflow-control.yaml", doc, why)) return c;
  c.present = true;
  auto fail = [&](const std::string& what) {
    error = "failed to unmarshal the workflow control file metadata/workflow-control.yaml: " + what;
    return c;
  };
  if (!why.empty()) return fail(why);
  if (doc.is_null()) return c;
  if (!doc.is_object()) return fail("it must be a mapping with suspend, message and retryAfter");
  if (doc.contains("suspend") && !doc["suspend"].is_null()) {
    if (!doc["suspend"].is_boolean()) return fail("suspend must be true or false");
    c.suspend = doc["suspend"].get<bool>();
  }
  for (auto [key, field] : {std::pair{"message", &c.message}, std::pair{"retryAfter", &c.retry_after}}) {
    if (!doc.contains(key) || doc[key].is_null()) continue;
    if (!doc[key].is_string()) return fail(std::string(key) + " must be a string; quote it");
    *field = doc[key].get<std::string>();
  }
  if (!c.retry_after.empty() && !parse_go_duration(c.retry_after))
    error = "failed to parse retryAfter duration specified in the workflow-control.yaml file: \"" + c.retry_after +
            "\"; write a Go duration such as 30s, 5m or 1h30m";
  return c;
}

Json merge_status(const Json& existing, const Json& incoming) {
  Json out = existing.is_object() ? existing : Json::object();
  if (!incoming.is_object()) return out;
  for (const auto& [key, value] : incoming.items()) {
    if (key == "conditions" && out.contains(key) && out[key].is_array() && value.is_array()) {
      Json merged = out[key];
      for (const auto& cond : value) {
        if (!cond.is_object() || !cond.contains("type") || !cond["type"].is_string()) continue;
        bool replaced = false;
        for (auto& old : merged) {
          if (old.is_object() && old.contains("type") && old["type"] == cond["type"]) {
            old = cond;
            replaced = true;
          }
        }
        if (!replaced) merged.push_back(cond);
      }
      // Conditions without a type are dropped by Kratix's merge.
      Json typed = Json::array();
      for (const auto& c : merged) {
        if (c.is_object() && c.contains("type") && c["type"].is_string()) typed.push_back(c);
      }
      out[key] = typed;
      continue;
    }
    out[key] = value;
  }
  return out;
}

StatusUpdate write_status(const Json& existing, const stdfs::path& metadata, const std::string& type,
                          bool last_pipeline, bool dry_run, const WorkflowControl& control, const std::string& now) {
  StatusUpdate u;
  u.status = existing.is_object() ? existing : Json::object();
  Json incoming = Json::object();
  std::string why;
  if (read_metadata(metadata / "status.yaml", "metadata/status.yaml", incoming, why)) {
    if (!why.empty()) {
      u.failure = "failed to load incoming status: " + why;
      return u;
    }
    if (incoming.is_null()) incoming = Json::object();
    if (!incoming.is_object()) {
      u.failure = "failed to load incoming status: metadata/status.yaml must be a mapping of status fields";
      return u;
    }
  }
  if (incoming.contains("kratix")) {
    u.failure =
        "'kratix' is a kratix managed status field that cannot be updated via workflows; remove update to 'kratix' "
        "from the '/kratix/metadata/status.yaml' file";
    return u;
  }
  if (type == "promise") {
    std::string others;
    Json kept = Json::object();
    for (const auto& [key, value] : incoming.items()) {
      if (key == "message")
        kept[key] = value;
      else
        others += (others.empty() ? "" : ", ") + key;
    }
    if (!others.empty())
      u.warnings.push_back("promise workflow status has unsupported keys: " + others +
                           " in status.yaml; only 'message' can be updated in Promise status");
    incoming = kept;
  }
  Json merged = merge_status(u.status, incoming);
  if (last_pipeline && !control.stops()) {
    // MarkAsCompleted
    if (merged.contains("message") && merged["message"] == "Pending")
      merged["message"] = type == "promise" ? "Promise configured" : "Resource requested";
    if (merged.contains("kratix") && merged["kratix"].is_object() && merged["kratix"].contains("workflows") &&
        merged["kratix"]["workflows"].is_object())
      merged["kratix"]["workflows"].erase("suspendedGeneration");
    Json condition = {{"type", "ConfigureWorkflowCompleted"},
                      {"status", "True"},
                      {"reason", "PipelinesExecutedSuccessfully"},
                      {"message", "Pipelines completed"},
                      {"lastTransitionTime", now}};
    Json conditions =
        merged.contains("conditions") && merged["conditions"].is_array() ? merged["conditions"] : Json::array();
    bool found = false;
    for (auto& c : conditions) {
      if (c.is_object() && c.contains("type") && c["type"] == "ConfigureWorkflowCompleted") {
        c = condition;
        found = true;
        break;
      }
    }
    if (!found) conditions.push_back(condition);
    merged["conditions"] = conditions;
  }
  if (dry_run) merged["message"] = "Dry run executed";
  u.status = merged;
  return u;
}

std::string rfc3339_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace kratix::run
