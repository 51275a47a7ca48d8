#include "chart/repo_index.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstring>
#include <numeric>

#include "chart/semver.hpp"
#include "core/error.hpp"

namespace kratix::chart {

namespace {

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

std::string key_of(std::string_view rest) {
  if (!rest.empty() && (rest.front() == '"' || rest.front() == '\'')) {
    auto end = rest.find(rest.front(), 1);
    return std::string(rest.substr(1, end == std::string_view::npos ? std::string_view::npos : end - 1));
  }
  auto colon = rest.find(':');
  std::string_view key = rest.substr(0, colon);
  while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
  return std::string(key);
}

IndexEntry entry_from(const YAML::Node& n, const std::string& chart) {
  IndexEntry e;
  e.name = n["name"] ? n["name"].as<std::string>() : chart;
  if (n["version"]) e.version = n["version"].as<std::string>();
  if (n["digest"]) e.digest = n["digest"].as<std::string>();
  if (n["deprecated"]) e.deprecated = n["deprecated"].as<bool>(false);
  if (n["urls"] && n["urls"].IsSequence())
    for (const auto& u : n["urls"]) e.urls.push_back(u.as<std::string>());
  return e;
}

}  // namespace

IndexScanner::IndexScanner(std::string chart, std::string source) : chart_(std::move(chart)), source_(std::move(source)) {}

void IndexScanner::restart() {
  *this = IndexScanner(std::move(chart_), std::move(source_));
}

void IndexScanner::write(std::string_view chunk) {
  if (state_ == State::Json) {
    whole_.append(chunk);
    return;
  }
  while (!chunk.empty()) {
    const void* nl = std::memchr(chunk.data(), '\n', chunk.size());
    if (nl == nullptr) {
      partial_.append(chunk);
      return;
    }
    const std::size_t n = static_cast<const char*>(nl) - chunk.data();
    if (partial_.empty()) {
      line(chunk.substr(0, n));
    } else {
      partial_.append(chunk.substr(0, n));
      line(partial_);
      partial_.clear();
    }
    chunk.remove_prefix(n + 1);
    if (state_ == State::Json) {
      whole_.append(chunk);
      return;
    }
  }
}

// One line of a block-style index. The requested chart's lines are those from
// its key under `entries:` to the next key at the same indentation (its list of
// versions may sit at that indentation too, as helm writes it).
void IndexScanner::line(std::string_view text) {
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  std::size_t indent = text.find_first_not_of(' ');
  std::string_view rest = indent == std::string_view::npos ? std::string_view() : text.substr(indent);
  if (rest.empty() || rest.front() == '#') {
    if (capturing_) (block_ += text) += '\n';
    return;
  }
  if (state_ == State::Start) {
    if (rest.front() == '{') {  // a JSON (flow-style) index: parsed whole at the end
      state_ = State::Json;
      (whole_ = text) += '\n';
      return;
    }
    if (rest.rfind("---", 0) == 0 || rest.front() == '%') return;
    state_ = State::Top;
  }
  if (indent == 0) {
    capturing_ = false;
    state_ = State::Top;
    if (rest.rfind("entries:", 0) == 0) {
      saw_entries_ = true;
      std::string_view value = rest.substr(8);
      value.remove_prefix(std::min(value.find_first_not_of(' '), value.size()));
      if (value.empty() || value.front() == '#') {
        state_ = State::Entries;
      } else if (value.rfind("{}", 0) != 0) {
        throw Error(source_ + ": `entries:` is written in flow style on one line, which kratix does not read; "
                              "serve the index as helm repo index writes it");
      }
    }
    return;
  }
  if (state_ != State::Entries) return;
  const int col = static_cast<int>(indent);
  if (child_indent_ < 0) child_indent_ = col;
  if (col == child_indent_ && rest.front() != '-') {
    std::string name = key_of(rest);
    capturing_ = name == chart_;
    if (capturing_) found_ = true;
    names_.push_back(std::move(name));
  }
  if (capturing_) (block_ += text) += '\n';
}

void IndexScanner::finish() {
  if (!partial_.empty()) {
    std::string last;
    last.swap(partial_);
    if (state_ == State::Json)
      whole_ += last;
    else
      line(last);
  }
  if (state_ == State::Json) {
    parse_json(whole_);
    return;
  }
  if (!saw_entries_)
    throw Error(source_ + " is not a chart repository index (it has no `entries:`); "
                          "pass the repository URL, the directory that holds index.yaml");
  if (found_) parse_block(block_);
}

void IndexScanner::parse_block(const std::string& block) {
  YAML::Node root;
  try {
    root = YAML::Load(block);
  } catch (const YAML::Exception& e) {
    throw Error(source_ + ": the entries of chart " + chart_ + " are not valid YAML (" + e.msg + ")");
  }
  YAML::Node list = root.IsMap() ? root.begin()->second : YAML::Node();
  if (!list.IsSequence())
    throw Error(source_ + ": the entries of chart " + chart_ + " are not a list of chart versions");
  try {
    for (const auto& n : list)
      if (n.IsMap()) entries_.push_back(entry_from(n, chart_));
  } catch (const YAML::Exception& e) {
    throw Error(source_ + ": an entry of chart " + chart_ + " is malformed (" + e.msg + ")");
  }
}

void IndexScanner::parse_json(const std::string& text) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw Error(source_ + " is not a chart repository index (" + e.msg + ")");
  }
  if (!root.IsMap() || !root["entries"] || !root["entries"].IsMap())
    throw Error(source_ + " is not a chart repository index (it has no `entries`); "
                          "pass the repository URL, the directory that holds index.yaml");
  saw_entries_ = true;
  for (const auto& kv : root["entries"]) {
    std::string name = kv.first.as<std::string>();
    if (name == chart_ && kv.second.IsSequence()) {
      found_ = true;
      for (const auto& n : kv.second)
        if (n.IsMap()) entries_.push_back(entry_from(n, chart_));
    }
    names_.push_back(std::move(name));
  }
}

std::vector<std::string> nearest_versions(const std::vector<std::string>& versions, const std::string& wanted,
                                          std::size_t count) {
  // The first version-looking word of the request ("^1.2" -> 1.2).
  std::optional<Version> target;
  auto start = wanted.find_first_of("0123456789");
  if (start != std::string::npos) {
    auto end = wanted.find_first_of(" ,|<>=~^*xX", start);
    target = Version::parse(wanted.substr(start, end == std::string::npos ? std::string::npos : end - start));
  }
  struct Ranked {
    Version v;
    std::size_t index;
  };
  std::vector<Ranked> ranked;
  for (std::size_t i = 0; i < versions.size(); ++i)
    if (auto v = Version::parse(versions[i])) ranked.push_back({*v, i});
  auto distance = [&](const Version& v) {
    if (!target) return std::tuple<std::uint64_t, std::uint64_t, std::uint64_t>{0, 0, 0};
    auto d = [](std::uint64_t a, std::uint64_t b) { return a > b ? a - b : b - a; };
    return std::tuple{d(v.major, target->major), d(v.minor, target->minor), d(v.patch, target->patch)};
  };
  std::stable_sort(ranked.begin(), ranked.end(), [&](const Ranked& a, const Ranked& b) {
    auto da = distance(a.v), db = distance(b.v);
    if (da != db) return da < db;
    return compare(b.v, a.v) < 0;
  });
  if (ranked.size() > count) ranked.resize(count);
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) { return compare(b.v, a.v) < 0; });
  std::vector<std::string> out;
  for (const auto& r : ranked) out.push_back(versions[r.index]);
  return out;
}

const IndexEntry& select_version(const std::vector<IndexEntry>& entries, const std::string& chart,
                                 const std::string& constraint, const std::string& source) {
  std::vector<std::string> versions;
  for (const auto& e : entries) versions.push_back(e.version);
  if (!constraint.empty())
    for (const auto& e : entries)
      if (e.version == constraint) return e;
  const Constraint c = Constraint::parse(constraint.empty() ? "*" : constraint);
  if (auto i = pick_highest(versions, c)) return entries[*i];
  auto near = nearest_versions(versions, constraint);
  if (constraint.empty())
    throw Error("chart " + chart + " in " + source + " has no stable version (it has " + join(near, ", ") +
                "); pass --chart-version with the one you want");
  throw Error("chart " + chart + " in " + source + " has no version matching \"" + constraint + "\"" +
              (near.empty() ? std::string() : "; nearest: " + join(near, ", ")));
}

}  // namespace kratix::chart
