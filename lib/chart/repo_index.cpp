#include "chart/repo_index.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <numeric>

#include "chart/semver.hpp"
#include "core/error.hpp"
#include "yamledit/tokens.hpp"

namespace kratix::chart {

namespace {

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

// The key of a line of the index (without its indentation), read as the
// yamledit scanner reads keys; the text before ':' when it is no plain key.
std::string key_of(std::string_view rest) {
  if (auto key = yamledit::key_token(rest, 0, rest.size())) return std::move(key->text);
  return std::string(rest.substr(0, rest.find(':')));
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

namespace {

std::size_t indent_of(std::string_view line) {
  std::size_t i = 0;
  constexpr std::uint64_t spaces = 0x2020202020202020ULL;
  for (std::uint64_t w = 0; i + 8 <= line.size(); i += 8) {  // deep lines, eight spaces at a time
    std::memcpy(&w, line.data() + i, 8);
    if (w != spaces) break;
  }
  while (i < line.size() && line[i] == ' ') ++i;
  return i;
}

// text from byte i on; i <= text.size().
std::string_view from(std::string_view text, std::size_t i) { return {text.data() + i, text.size() - i}; }

// The key of "key: ..." or "key:" when it is letters, digits, '_' and '-'
// starting with a letter, as most keys of an index are: what
// yamledit::key_token reads from such a line, without decoding anything.
std::optional<std::string_view> simple_key(std::string_view rest, std::size_t& colon_end) {
  auto word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  };
  if (rest.empty() || !((rest[0] >= 'a' && rest[0] <= 'z') || (rest[0] >= 'A' && rest[0] <= 'Z'))) return std::nullopt;
  std::size_t i = 1;
  while (i < rest.size() && word(rest[i])) ++i;
  if (i >= rest.size() || rest[i] != ':' || (i + 1 < rest.size() && rest[i + 1] != ' ')) return std::nullopt;
  colon_end = i + 1;
  return rest.substr(0, i);
}

// "[a, 'b']" -> {a, b}; nullopt unless every element is a simple scalar.
std::optional<std::vector<std::string>> flow_list(std::string_view v) {
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  if (v.size() < 2 || v.front() != '[' || v.back() != ']') return std::nullopt;
  v = v.substr(1, v.size() - 2);
  std::vector<std::string> out;
  if (v.find_first_not_of(' ') == std::string_view::npos) return out;
  if (v.find_first_of("\"'[]{}#") != std::string_view::npos) return std::nullopt;
  std::size_t start = 0;
  while (start <= v.size()) {
    auto comma = v.find(',', start);
    auto item = v.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    item.remove_prefix(std::min(item.find_first_not_of(' '), item.size()));
    auto s = yamledit::line_scalar(item);
    if (!s || s->empty()) return std::nullopt;
    out.push_back(*s);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

// The fields kratix needs from one version entry, read line by line: the keys
// at the entry's own indentation, and the items of its urls list. A chart with
// hundreds of versions (datadog has over 600) is read in milliseconds where a
// YAML parser takes a third of a second and tens of MiB. Keys, quotes, escapes
// and comments follow the yamledit scanner's rules (yamledit/tokens.hpp);
// anything a line cannot hold by itself (block scalars, anchors, tags) in a
// needed field sends the entry to yaml-cpp instead.
class EntryReader {
 public:
  EntryReader(std::string chart, std::size_t key_indent) : chart_(std::move(chart)), key_indent_(key_indent) {}

  // Returns false when the entry needs a real YAML parser. `ind`: the
  // line's indentation.
  bool line(std::string_view text) { return line(text, indent_of(text)); }
  bool line(std::string_view text, std::size_t ind) {
    std::string_view rest = from(text, ind);
    const bool item = rest.size() >= 1 && rest.front() == '-' && (rest.size() == 1 || rest[1] == ' ');
    if (ind == key_indent_ && !item) {
      field_ = Field::Other;
      std::size_t colon_end = 0;
      if (auto plain = simple_key(rest, colon_end)) {
        field_ = field_named(*plain);
      } else {
        auto key = yamledit::key_token(rest, 0, rest.size());
        if (!key || key->complex) return false;
        field_ = field_named(key->text);
        colon_end = key->colon_end;
      }
      std::string_view value = from(rest, colon_end);
      value.remove_prefix(std::min(value.find_first_not_of(' '), value.size()));
      return field(value);
    }
    if (item && field_ == Field::Urls && ind >= key_indent_) {
      std::string_view value = from(rest, 1);
      value.remove_prefix(std::min(value.find_first_not_of(' '), value.size()));
      auto url = yamledit::line_scalar(value);
      if (!url || url->empty()) return false;
      entry_.urls.push_back(*url);
      return true;
    }
    if (ind < key_indent_) return false;  // not where an entry's lines can be
    return true;                          // inside another key's value
  }

  IndexEntry take() {
    if (entry_.name.empty()) entry_.name = chart_;
    return std::move(entry_);
  }

 private:
  bool field(std::string_view value) {
    if (field_ == Field::Urls) {
      if (value.empty() || value.front() == '#') return true;  // a block list follows
      auto list = flow_list(value);
      if (!list) return false;
      entry_.urls = *list;
      return true;
    }
    if (field_ == Field::Other) return true;
    auto v = yamledit::line_scalar(value);
    if (!v) return false;
    if (field_ == Field::Name) entry_.name = *v;
    if (field_ == Field::Version) entry_.version = *v;
    if (field_ == Field::Digest) entry_.digest = *v;
    if (field_ == Field::Deprecated) {
      if (*v != "true" && *v != "false") return false;
      entry_.deprecated = *v == "true";
    }
    return true;
  }

  std::string chart_;
  // The key whose value the current lines belong to.
  enum class Field { Other, Name, Version, Digest, Deprecated, Urls };
  static Field field_named(std::string_view key) {
    if (key == "name") return Field::Name;
    if (key == "version") return Field::Version;
    if (key == "digest") return Field::Digest;
    if (key == "deprecated") return Field::Deprecated;
    if (key == "urls") return Field::Urls;
    return Field::Other;
  }

  std::size_t key_indent_;
  Field field_ = Field::Other;
  IndexEntry entry_;
};

}  // namespace

namespace detail {

// The requested chart's versions, read from its lines as they arrive (the key
// line first; blank and comment lines are not given): list items at one
// indentation, each read by an EntryReader, or by yaml-cpp when one of its
// lines needs a real YAML parser. Lines not in the shape helm writes end
// the reading (simple() is false): yaml-cpp reads the rest.
class EntryStream {
 public:
  explicit EntryStream(std::string chart) : chart_(std::move(chart)) {}

  // A line and its indentation.
  void line(std::string_view l, std::size_t ind) {
    if (!simple_) return;
    if (seen_ == 0) {
      ++seen_;
      const std::string_view key_line = l.substr(ind);
      const auto key = yamledit::key_token(key_line, 0, key_line.size());
      std::string_view after = key ? key_line.substr(key->colon_end) : key_line;
      after.remove_prefix(std::min(after.find_first_not_of(' '), after.size()));
      simple_ = key && (after.empty() || after.front() == '#');
      return;
    }
    const bool dash = l.size() > ind && l[ind] == '-' && (l.size() == ind + 1 || l[ind + 1] == ' ');
    if (seen_++ == 1) {
      if (!dash) {
        simple_ = false;
        return;
      }
      item_indent_ = ind;
    }
    if (dash && ind == item_indent_) {
      if (!finish_item()) return;
      start_item(l);
    } else if (ind <= item_indent_) {
      simple_ = false;  // something other than list items at the list's level
      return;
    } else if (waiting_for_keys_) {
      waiting_for_keys_ = false;
      reader_.emplace(chart_, ind);
      ok_ = reader_->line(first_) && reader_->line(l, ind);
    } else if (ok_) {
      ok_ = reader_->line(l, ind);
    }
    (item_ += l) += '\n';
  }

  // yaml-cpp's complaint about an entry when finish() was false because of one.
  const std::string& error() const { return error_; }

  // Hands over the entries read; false when the lines from pending() on
  // (and all that came after them) are for yaml-cpp to read.
  bool finish(std::vector<IndexEntry>& out) {
    if (simple_) simple_ = finish_item();
    out = std::move(entries_);
    return simple_;
  }

  // False once the lines are not the shape helm writes: the item being read
  // when that became clear (pending()), the line that showed it and every line
  // after are then read by yaml-cpp; the entries before stay as read.
  bool simple() const { return simple_; }
  const std::string& pending() const { return item_; }

 private:
  void start_item(std::string_view l) {
    // The entry's keys sit where the first one starts after the dash.
    first_.assign(l);
    first_[item_indent_] = ' ';
    const std::size_t key_indent = indent_of(first_);
    waiting_for_keys_ = key_indent == first_.size();  // "-" alone: the keys start on the next line
    if (!waiting_for_keys_) {
      reader_.emplace(chart_, key_indent);
      ok_ = reader_->line(first_);
    }
    in_item_ = true;
  }

  // The current item, read; false when the block is not a list of mappings.
  bool finish_item() {
    if (!in_item_) return true;
    in_item_ = false;
    if (waiting_for_keys_) return simple_ = false;
    if (ok_) {
      entries_.push_back(reader_->take());
    } else {
      try {
        const YAML::Node n = YAML::Load(item_);
        if (!n.IsSequence() || n.size() != 1 || !n[0].IsMap()) return simple_ = false;
        entries_.push_back(entry_from(n[0], chart_));
      } catch (const YAML::Exception& e) {
        error_ = e.msg;
        return simple_ = false;
      }
    }
    item_.clear();
    return true;
  }

  std::string chart_;
  bool simple_ = true;
  std::size_t seen_ = 0;  // lines so far
  std::size_t item_indent_ = 0;
  bool in_item_ = false;
  bool waiting_for_keys_ = false;
  bool ok_ = false;
  std::string first_;  // the item's first line, its dash made a space
  std::string item_;   // the item's lines, for yaml-cpp
  std::optional<EntryReader> reader_;
  std::vector<IndexEntry> entries_;
  std::string error_;
};

}  // namespace detail

IndexScanner::IndexScanner(std::string chart, std::string source)
    : chart_(std::move(chart)), source_(std::move(source)), stream_(std::make_unique<detail::EntryStream>(chart_)) {}
IndexScanner::~IndexScanner() = default;
IndexScanner::IndexScanner(IndexScanner&&) noexcept = default;
IndexScanner& IndexScanner::operator=(IndexScanner&&) noexcept = default;

void IndexScanner::restart() { *this = IndexScanner(std::move(chart_), std::move(source_)); }

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
      line({chunk.data(), n});
    } else {
      partial_.append(chunk.data(), n);
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
  const std::size_t indent = indent_of(text);
  const std::string_view rest = from(text, indent);
  if (rest.empty() || rest.front() == '#') {
    if (capturing_ && !stream_->simple()) (block_ += text) += '\n';
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
        throw Error(source_ +
                    ": `entries:` is written in flow style on one line, which kratix does not read; "
                    "serve the index as helm repo index writes it");
      }
    }
    return;
  }
  if (state_ != State::Entries) return;
  const int col = static_cast<int>(indent);
  if (child_indent_ < 0) child_indent_ = col;
  bool first_key = false;  // this line is the chart's key, seen for the first time
  if (col == child_indent_ && rest.front() != '-') {
    std::string name = key_of(rest);
    capturing_ = name == chart_;
    first_key = capturing_ && !found_;
    if (first_key) (key_line_ = text) += '\n';
    if (capturing_) found_ = true;
    names_.push_back(std::move(name));
  }
  if (!capturing_) return;
  if (!stream_->simple()) {
    (block_ += text) += '\n';
    return;
  }
  // The lines are kept only once the stream cannot read them: copying all of
  // a large chart's lines (a megabyte for datadog) cost more than reading them.
  stream_->line(text, indent);
  if (stream_->simple()) return;
  block_ = key_line_;
  if (!first_key) ((block_ += stream_->pending()) += text) += '\n';
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
    throw Error(source_ +
                " is not a chart repository index (it has no `entries:`); "
                "pass the repository URL, the directory that holds index.yaml");
  if (!found_) return;
  const bool read_before = !stream_->simple();  // block_ holds the rest
  if (stream_->finish(entries_)) return;
  if (!stream_->error().empty())
    throw Error(source_ + ": an entry of chart " + chart_ + " is malformed (" + stream_->error() + ")");
  if (!read_before) block_ = key_line_ + stream_->pending();  // the last item is not an entry
  parse_block(block_);
}

void IndexScanner::parse_block(const std::string& block) {
  // Not the shape helm writes: let yaml-cpp read the whole block (and say what is wrong).
  YAML::Node root;
  try {
    root = YAML::Load(block);
  } catch (const YAML::Exception& e) {
    throw Error(source_ + ": the entries of chart " + chart_ + " are not valid YAML (" + e.msg + ")");
  }
  YAML::Node list = root.IsMap() && root.size() > 0 ? root.begin()->second : YAML::Node();
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
    throw Error(source_ +
                " is not a chart repository index (it has no `entries`); "
                "pass the repository URL, the directory that holds index.yaml");
  saw_entries_ = true;
  // A name, version, digest or URL that is a list or a mapping: yaml-cpp
  // refuses to make a string of it, at its place (the whole text was read).
  try {
    for (const auto& kv : root["entries"]) {
      std::string name = kv.first.as<std::string>();
      if (name == chart_ && kv.second.IsSequence()) {
        found_ = true;
        for (const auto& n : kv.second)
          if (n.IsMap()) entries_.push_back(entry_from(n, chart_));
      }
      names_.push_back(std::move(name));
    }
  } catch (const YAML::Exception& e) {
    throw Error(
        SourceLocation{source_, e.mark.line < 0 ? 0 : e.mark.line + 1, e.mark.column < 0 ? 0 : e.mark.column + 1},
        "a chart name, version, digest or URL here is a list or a mapping, not a string: this is not a "
        "chart repository index Helm reads; tell the repository's owner");
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
