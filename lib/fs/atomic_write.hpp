#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kratix::fs {

// Reads a whole file; throws kratix::Error naming the path when it cannot.
std::string read_file(const std::filesystem::path& path);

// Writes content to path through a temp file in the same directory and a rename,
// so readers see the old file or the new one, never half of it. An existing
// file keeps its permission bits; a new one gets `mode` (0644 by default).
void atomic_write(const std::filesystem::path& path, std::string_view content,
                  std::optional<std::filesystem::perms> mode = std::nullopt);

// A set of file writes and removals that happen together or not at all.
// commit() writes every new file to a temp file first (creating missing parent
// directories), then renames them into place; if anything fails, the files
// already replaced get their old content back, new files and directories are
// removed, and the error is rethrown.
class Transaction {
 public:
  void write(std::filesystem::path path, std::string content,
             std::optional<std::filesystem::perms> mode = std::nullopt);
  void remove(std::filesystem::path path);
  // Creates a directory (and its parents) when it is missing.
  void make_directory(std::filesystem::path path);
  // The paths this transaction will write, in the order they were added.
  std::vector<std::filesystem::path> paths() const;
  void commit();

 private:
  struct Change {
    std::filesystem::path path;
    std::optional<std::string> content;  // nullopt: remove
    std::optional<std::filesystem::perms> mode;
  };
  std::vector<Change> changes_;
  std::vector<std::filesystem::path> directories_;
};

}  // namespace kratix::fs
