#pragma once
// How `kratix platform get` prints: kubectl-style tables (columns padded as
// kubectl pads them, AGE as kubectl writes it), the request tree with
// sub-requests under their parents, and -o json / -o yaml documents.
#include <chrono>
#include <string>
#include <vector>

#include "platform/resources.hpp"

namespace kratix::platform {

using Clock = std::chrono::system_clock;

// kubectl's AGE: "45s", "3m20s", "12m", "5h4m", "20h", "3d4h", "30d", "2y5d".
std::string human_age(std::chrono::seconds age);
// The age of an RFC 3339 timestamp at `now` ("<unknown>" when malformed).
std::string age_of(const std::string& timestamp, Clock::time_point now);

// Columns separated as kubectl's tabwriter does (width = max(6, longest + 3)).
std::string format_table(const std::vector<std::vector<std::string>>& rows);

// NAMESPACE NAME STATUS MESSAGE AGE (+ WORKFLOWS CONDITIONS with wide);
// sub-requests as PROMISE/NAME under their parent with tree branches.
std::string resources_table(const Resources& resources, bool wide, Clock::time_point now);
// One line per watched change, in the table's columns (no header).
std::string resources_row(const Request& request, const std::string& type, bool wide, Clock::time_point now);
// NAME STATUS KIND API VERSION VERSION AGE (+ MESSAGE with wide).
std::string promises_table(const std::vector<PromiseInfo>& promises, bool wide, Clock::time_point now);

// The documents of -o json and -o yaml.
nlohmann::ordered_json resources_document(const Resources& resources);
nlohmann::ordered_json promises_document(const std::vector<PromiseInfo>& promises);
// JSON as block YAML (strings quoted where YAML would read them otherwise).
std::string to_yaml(const nlohmann::ordered_json& document);

}  // namespace kratix::platform
