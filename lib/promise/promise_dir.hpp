#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "fs/atomic_write.hpp"
#include "promise/layout.hpp"
#include "yamledit/document.hpp"

namespace kratix::promise {

// An existing Promise directory, flat or split, opened for editing. Documents
// are read on first use and kept with their text; save() writes every changed
// file (and the extra changes given) in one all-or-nothing transaction.
class PromiseDir {
 public:
  // kratix::Error telling to run 'kratix init promise' when no Promise is there.
  static PromiseDir open(const std::filesystem::path& dir);

  Layout layout() const { return layout_; }
  const std::filesystem::path& dir() const { return dir_; }

  // The document of a file of the directory (relative path): its one YAML
  // document that is not empty (in promise.yaml, its one Promise among other
  // documents). `create` gives the text of a file that does not exist yet.
  yamledit::Document& doc(const std::filesystem::path& rel, const char* create = nullptr);
  bool exists(const std::filesystem::path& rel) const { return std::filesystem::exists(dir_ / rel); }

  // Where the API CRD is: promise.yaml at spec.api, or api.yaml at its root.
  yamledit::Document& api(yamledit::Path& base);
  // Where a workflow's list of Pipelines is (created empty when missing).
  yamledit::Document& workflow(const std::string& lifecycle, const std::string& action, yamledit::Path& base);
  // promise.yaml, for what only a flat Promise has (selectors, required promises).
  yamledit::Document& flat_promise(const std::string& what);

  // Writes the documents whose text changed, plus `extra`, atomically. Returns
  // the files written.
  std::vector<std::filesystem::path> save(fs::Transaction extra = {});

 private:
  struct File {
    bool existed = true;
    std::unique_ptr<yamledit::Stream> stream;
    size_t index = 0;  // the document kratix edits
  };
  std::filesystem::path dir_;
  Layout layout_ = Layout::Flat;
  std::map<std::filesystem::path, File> files_;
};

}  // namespace kratix::promise
