#include "archive/entry_path.hpp"

#include "core/error.hpp"

namespace kratix::archive {

std::vector<std::string> components(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    const auto part = path.substr(start, slash - start);
    if (!part.empty() && part != ".") out.emplace_back(part);
    start = slash + 1;
  }
  return out;
}

std::optional<std::vector<std::string>> resolve(std::vector<std::string> base, std::string_view target) {
  for (auto& part : components(target)) {
    if (part == "..") {
      if (base.empty()) return std::nullopt;
      base.pop_back();
    } else {
      base.push_back(std::move(part));
    }
  }
  return base;
}

std::string join(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : "/") + p;
  return s;
}

std::string read_entry_data(const ArchiveApi& api, const Reader& reader, std::vector<char>& buffer,
                            const Limits& limits, std::uint64_t& total, bool keep, const std::string& source,
                            const std::string& path, const char* kind) {
  std::string contents;
  for (std::uint64_t size = 0;;) {
    const auto n = api.read_data(reader.get(), buffer.data(), buffer.size());
    if (n == 0) return contents;
    if (n < 0)
      throw Error(source + " is truncated or corrupt in \"" + path + "\" (" + reader.error() + "); download it again");
    size += static_cast<std::uint64_t>(n);
    total += static_cast<std::uint64_t>(n);
    if (size > limits.max_file_bytes)
      throw Error(source + ": refusing entry \"" + path + "\": it decompresses to more than " +
                  std::to_string(limits.max_file_bytes >> 20) + " MiB, the limit for one file of a " + kind);
    if (total > limits.max_total_bytes)
      throw Error(source + " decompresses to more than " + std::to_string(limits.max_total_bytes >> 20) +
                  " MiB, the limit for a " + kind + " archive");
    if (keep) contents.append(buffer.data(), static_cast<std::size_t>(n));
  }
}

Reader::Reader(const ArchiveApi& api) : api_(api), a_(api.read_new()) {
  if (a_ == nullptr) throw Error("cannot start libarchive (out of memory?)");
}

Reader::~Reader() { api_.read_free(a_); }

std::string Reader::error() const {
  const char* e = api_.error_string(a_);
  return e != nullptr ? e : "unknown error";
}

}  // namespace kratix::archive
