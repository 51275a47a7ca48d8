#include "platform/render.hpp"

#include <algorithm>

#include "kube/exec_credential.hpp"
#include "yamledit/emit.hpp"

namespace kratix::platform {

namespace {

// Display width: UTF-8 code points (the tree's branches are one column each).
size_t width_of(const std::string& s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string conditions_text(const std::vector<Condition>& conditions) {
  std::string out;
  for (const auto& c : conditions) out += (out.empty() ? "" : ",") + c.type + "=" + c.status;
  return out.empty() ? "<none>" : out;
}

std::string workflows_text(const Request& r) {
  if (!r.workflows) return "<none>";
  std::string out = std::to_string(r.workflows_succeeded.value_or(0)) + "/" + std::to_string(*r.workflows);
  if (r.workflows_failed.value_or(0) > 0) out += " (" + std::to_string(*r.workflows_failed) + " failed)";
  return out;
}

// One line of the message column: the first line of a multi-line message.
std::string one_line(const std::string& s) {
  const auto nl = s.find('\n');
  return nl == std::string::npos ? s : s.substr(0, nl) + " ...";
}

std::vector<std::string> row_of(const Request& r, const std::string& name, bool wide, Clock::time_point now) {
  std::vector<std::string> row = {r.namespace_, name, r.status, one_line(r.message), age_of(r.created, now)};
  if (wide) {
    row.push_back(workflows_text(r));
    row.push_back(conditions_text(r.conditions));
  }
  return row;
}

void tree_rows(const Request& parent, const std::string& prefix, bool wide, Clock::time_point now,
               std::vector<std::vector<std::string>>& rows) {
  for (size_t i = 0; i < parent.children.size(); ++i) {
    const Request& c = parent.children[i];
    const bool last = i + 1 == parent.children.size();
    rows.push_back(row_of(c, prefix + (last ? "└─ " : "├─ ") + c.promise + "/" + c.name, wide, now));
    tree_rows(c, prefix + (last ? "   " : "│  "), wide, now, rows);
  }
}

nlohmann::ordered_json conditions_document(const std::vector<Condition>& conditions) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& c : conditions) {
    nlohmann::ordered_json j = {{"type", c.type}, {"status", c.status}};
    if (!c.reason.empty()) j["reason"] = c.reason;
    if (!c.message.empty()) j["message"] = c.message;
    if (!c.last_transition.empty()) j["lastTransitionTime"] = c.last_transition;
    out.push_back(std::move(j));
  }
  return out;
}

nlohmann::ordered_json request_document(const Request& r) {
  nlohmann::ordered_json j = {
      {"name", r.name}, {"namespace", r.namespace_},      {"promise", r.promise}, {"apiVersion", r.api_version},
      {"kind", r.kind}, {"creationTimestamp", r.created}, {"status", r.status},   {"message", r.message}};
  if (r.workflows) {
    j["workflows"] = {{"total", *r.workflows},
                      {"succeeded", r.workflows_succeeded.value_or(0)},
                      {"failed", r.workflows_failed.value_or(0)}};
  }
  j["conditions"] = conditions_document(r.conditions);
  j["subRequests"] = nlohmann::ordered_json::array();
  for (const auto& c : r.children) j["subRequests"].push_back(request_document(c));
  return j;
}

YAML::Node yaml_of(const nlohmann::ordered_json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      YAML::Node n(YAML::NodeType::Map);
      for (const auto& [k, v] : j.items()) n[k] = yaml_of(v);
      return n;
    }
    case nlohmann::json::value_t::array: {
      YAML::Node n(YAML::NodeType::Sequence);
      for (const auto& v : j) n.push_back(yaml_of(v));
      return n;
    }
    case nlohmann::json::value_t::string: return yamledit::string_node(j.get<std::string>());
    case nlohmann::json::value_t::null: return YAML::Node(YAML::NodeType::Null);
    default: return YAML::Node(j.dump());
  }
}

}  // namespace

std::string human_age(std::chrono::seconds age) {
  const long s = static_cast<long>(age.count());
  if (s < -1) return "<invalid>";
  if (s < 0) return "0s";
  if (s < 120) return std::to_string(s) + "s";
  const long minutes = s / 60;
  if (minutes < 10) return std::to_string(minutes) + "m" + (s % 60 ? std::to_string(s % 60) + "s" : "");
  if (minutes < 180) return std::to_string(minutes) + "m";
  const long hours = minutes / 60;
  if (hours < 8) return std::to_string(hours) + "h" + (minutes % 60 ? std::to_string(minutes % 60) + "m" : "");
  if (hours < 48) return std::to_string(hours) + "h";
  const long days = hours / 24;
  if (hours < 24L * 8) return std::to_string(days) + "d" + (hours % 24 ? std::to_string(hours % 24) + "h" : "");
  if (hours < 24L * 365 * 2) return std::to_string(days) + "d";
  if (hours < 24L * 365 * 8)
    return std::to_string(days / 365) + "y" + (days % 365 ? std::to_string(days % 365) + "d" : "");
  return std::to_string(days / 365) + "y";
}

std::string age_of(const std::string& timestamp, Clock::time_point now) {
  auto t = kube::parse_rfc3339(timestamp);
  if (!t) return "<unknown>";
  return human_age(std::chrono::duration_cast<std::chrono::seconds>(now - *t));
}

std::string format_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows)
    for (size_t i = 0; i + 1 < row.size(); ++i) {
      if (widths.size() <= i) widths.resize(i + 1, 0);
      widths[i] = std::max(widths[i], std::max<size_t>(6, width_of(row[i]) + 3));
    }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line.append(widths[i] - width_of(row[i]), ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string resources_table(const Resources& res, bool wide, Clock::time_point now) {
  if (!res.has_api) return "Promise \"" + res.promise + "\" has no API, so it has no requests.\n";
  if (res.requests.empty()) return "No requests found for Promise \"" + res.promise + "\".\n";
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"NAMESPACE", "NAME", "STATUS", "MESSAGE", "AGE"});
  if (wide) {
    rows.back().push_back("WORKFLOWS");
    rows.back().push_back("CONDITIONS");
  }
  for (const auto& r : res.requests) {
    rows.push_back(row_of(r, r.name, wide, now));
    tree_rows(r, "", wide, now, rows);
  }
  return format_table(rows);
}

std::string resources_row(const Request& r, const std::string& type, bool wide, Clock::time_point now) {
  Request shown = r;
  if (type == "DELETED") shown.status = "Deleted";
  std::vector<std::string> row = row_of(shown, shown.name, wide, now);
  std::string out;
  for (size_t i = 0; i < row.size(); ++i) out += (i ? "   " : "") + row[i];
  return out + "\n";
}

std::string promises_table(const std::vector<PromiseInfo>& promises, bool wide, Clock::time_point now) {
  if (promises.empty()) return "No Promises found.\n";
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"NAME", "STATUS", "KIND", "API VERSION", "VERSION", "AGE"});
  if (wide) rows.back().push_back("MESSAGE");
  for (const auto& p : promises) {
    rows.push_back({p.name, p.status.empty() ? "<none>" : p.status, p.kind.empty() ? "<none>" : p.kind,
                    p.api_version.empty() ? "<none>" : p.api_version, p.version.empty() ? "<none>" : p.version,
                    age_of(p.created, now)});
    if (wide) rows.back().push_back(one_line(p.message));
  }
  return format_table(rows);
}

nlohmann::ordered_json resources_document(const Resources& res) {
  nlohmann::ordered_json j = {{"promise", res.promise}};
  if (res.has_api)
    j["api"] = {
        {"group", res.api.group}, {"version", res.api.version}, {"kind", res.api.kind}, {"plural", res.api.plural}};
  else
    j["api"] = nullptr;
  j["requests"] = nlohmann::ordered_json::array();
  for (const auto& r : res.requests) j["requests"].push_back(request_document(r));
  return j;
}

nlohmann::ordered_json promises_document(const std::vector<PromiseInfo>& promises) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& p : promises)
    list.push_back({{"name", p.name},
                    {"status", p.status},
                    {"kind", p.kind},
                    {"apiVersion", p.api_version},
                    {"version", p.version},
                    {"message", p.message},
                    {"creationTimestamp", p.created},
                    {"conditions", conditions_document(p.conditions)}});
  return {{"promises", list}};
}

std::string to_yaml(const nlohmann::ordered_json& document) { return yamledit::emit_yaml(yaml_of(document)); }

}  // namespace kratix::platform
