#pragma once
// A chart repository's index.yaml, read as it streams in. Only the requested
// chart's entries are kept (and the names of the others, for suggestions), so
// time and memory beyond the download do not grow with the rest of the index:
// a 50 MB index costs what its one chart costs.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "net/http.hpp"

namespace kratix::chart {

struct IndexEntry {
  std::string name;
  std::string version;
  std::vector<std::string> urls;
  std::string digest;  // sha256 hex of the .tgz, "" when the index has none
  bool deprecated = false;
};

namespace detail {
class EntryStream;
}

class IndexScanner : public net::Sink {
 public:
  explicit IndexScanner(std::string chart, std::string source);
  ~IndexScanner() override;
  IndexScanner(IndexScanner&&) noexcept;
  IndexScanner& operator=(IndexScanner&&) noexcept;
  void restart() override;
  void write(std::string_view chunk) override;
  // Call after the last chunk. kratix::Error (naming source) when the index is
  // not a chart repository index or the chart's entries are malformed.
  void finish();

  bool found() const { return found_; }
  const std::vector<IndexEntry>& entries() const { return entries_; }  // in index order
  const std::vector<std::string>& chart_names() const { return names_; }

 private:
  void line(std::string_view text);
  void parse_block(const std::string& block);  // appends what yaml-cpp reads where stream_ stopped
  void parse_json(const std::string& text);

  std::string chart_;
  std::string source_;
  std::string partial_;   // an incomplete last line
  std::string key_line_;  // the requested chart's key line
  std::string block_;     // its lines from where stream_ stopped, for yaml-cpp
  // Reads the requested chart's versions from its lines as they stream in.
  std::unique_ptr<detail::EntryStream> stream_;
  std::string whole_;  // the whole text, only for a JSON (flow) index
  enum class State { Start, Top, Entries, Json } state_ = State::Start;
  int child_indent_ = -1;
  bool capturing_ = false;
  bool found_ = false;
  bool saw_entries_ = false;
  std::vector<IndexEntry> entries_;
  std::vector<std::string> names_;
};

// The entry to use: an exact version match first, else the highest version
// satisfying `constraint` ("" = the latest stable version, as Helm picks it).
// kratix::Error listing the versions nearest to what was asked for otherwise.
const IndexEntry& select_version(const std::vector<IndexEntry>& entries, const std::string& chart,
                                 const std::string& constraint, const std::string& source);

// Versions to suggest for `wanted` (the highest ones, those sharing its major.minor first).
std::vector<std::string> nearest_versions(const std::vector<std::string>& versions, const std::string& wanted,
                                          std::size_t count = 5);

}  // namespace kratix::chart
