#include "run/compare.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "fs/atomic_write.hpp"
#include "run/diff.hpp"

namespace stdfs = std::filesystem;

namespace kratix::run {

namespace {

void drop_null_timestamps(Json& v) {
  if (v.is_object()) {
    auto it = v.find("creationTimestamp");
    if (it != v.end() && it->is_null()) v.erase(it);
    for (auto& [k, child] : v.items()) drop_null_timestamps(child);
  } else if (v.is_array()) {
    for (auto& child : v) drop_null_timestamps(child);
  }
}

bool looks_binary(const std::string& s) { return s.find('\0') != std::string::npos; }

Comparison compare_bytes(const std::string& a, const std::string& b, const std::string& an, const std::string& bn) {
  Comparison c;
  if (a == b) return c;
  c.equal = false;
  if (looks_binary(a) || looks_binary(b)) {
    c.message = "the files differ (binary, " + std::to_string(a.size()) + " bytes expected, " +
                std::to_string(b.size()) + " written)";
    return c;
  }
  c.message = "the file differs from what is expected";
  c.diff = unified_diff(a, b, an, bn);
  return c;
}

}  // namespace

bool is_yaml_file(const stdfs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return ext == ".yaml" || ext == ".yml";
}

std::vector<Json> normalise_stream(std::vector<Json> docs) {
  std::vector<Json> out;
  for (auto& d : docs) {
    if (d.is_null()) continue;
    drop_null_timestamps(d);
    if (d.is_object()) {
      auto it = d.find("status");
      if (it != d.end() && (it->is_null() || (it->is_object() && it->empty()))) d.erase(it);
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::string normalised_text(const std::vector<Json>& docs) {
  std::string out;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (i) out += "---\n";
    out += to_yaml(docs[i]);
  }
  return out;
}

Comparison compare_files(const stdfs::path& expected, const stdfs::path& actual, const std::string& en,
                         const std::string& an) {
  std::string a = fs::read_file(expected), b = fs::read_file(actual);
  if (!is_yaml_file(expected)) return compare_bytes(a, b, en, an);
  std::vector<Json> da, db;
  try {
    da = normalise_stream(parse_yaml_stream(a, en));
  } catch (const Error& e) {
    Comparison c{false, "the expected file is not valid YAML: " + e.describe(), ""};
    return c;
  }
  try {
    db = normalise_stream(parse_yaml_stream(b, an));
  } catch (const Error&) {
    return compare_bytes(a, b, en, an);  // the contract check reports the YAML error
  }
  Comparison c;
  if (da == db) return c;
  c.equal = false;
  c.message = "the YAML differs from what is expected";
  c.diff = unified_diff(normalised_text(da), normalised_text(db), en, an);
  return c;
}

Json normalise_status(Json status) {
  Json s = status.is_null() ? Json::object() : std::move(status);
  drop_null_timestamps(s);
  if (s.is_object() && s.contains("conditions") && s["conditions"].is_array()) {
    Json& conds = s["conditions"];
    for (auto& c : conds) {
      if (c.is_object()) c.erase("lastTransitionTime");
    }
    std::stable_sort(conds.begin(), conds.end(), [](const Json& x, const Json& y) {
      auto type = [](const Json& c) { return c.is_object() && c.contains("type") ? c["type"].dump() : c.dump(); };
      return type(x) < type(y);
    });
  }
  return s;
}

Comparison compare_status(const Json& expected, const Json& actual, const std::string& en) {
  Json a = normalise_status(expected), b = normalise_status(actual);
  Comparison c;
  if (a == b) return c;
  c.equal = false;
  c.message = "the object's status differs from what is expected";
  c.diff = unified_diff(to_yaml(a), to_yaml(b), en, "status after the workflow");
  return c;
}

}  // namespace kratix::run
