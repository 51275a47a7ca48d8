#include "util/yaml_load.hpp"

#include <yaml-cpp/eventhandler.h>

#include <sstream>

#include "core/error.hpp"

namespace kratix::util {

namespace {

// Every document yaml-cpp reads starts at a "---" or "..." line, or is the
// first: more than that is its loop. (A byte order mark may come before the
// first line's marker.)
std::size_t most_documents(const std::string& text) {
  std::size_t n = 1;
  for (std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0; pos < text.size();) {
    if (text.compare(pos, 3, "---") == 0 || text.compare(pos, 3, "...") == 0) ++n;
    const auto nl = text.find('\n', pos);
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  return n;
}

// Counts documents as the parser reports them, and stops it past `most`.
class DocumentCounter : public YAML::EventHandler {
 public:
  DocumentCounter(std::size_t most, const std::string& file) : most_(most), file_(file) {}
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++count_ > most_)
      throw Error(SourceLocation{file_, mark.line < 0 ? 1 : mark.line + 1, mark.column < 0 ? 1 : mark.column + 1},
                  "invalid YAML: a ',', ']' or '}' outside any [ ] or { }; remove it or quote the value");
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  std::size_t most_;
  const std::string& file_;
  std::size_t count_ = 0;
};

}  // namespace

std::vector<YAML::Node> load_all(const std::string& text, const std::string& file) {
  // A first pass that builds nothing finds the endless case; then yaml-cpp reads the documents.
  std::stringstream in(text);
  YAML::Parser parser(in);
  DocumentCounter counter(most_documents(text), file);
  while (parser.HandleNextDocument(counter)) {}
  return YAML::LoadAll(text);
}

}  // namespace kratix::util
