#include "archive/chart_archive.hpp"

#include <memory>
#include <optional>
#include <vector>

#include "archive/archive_api.hpp"
#include "archive/entry_path.hpp"
#include "core/error.hpp"

namespace kratix::archive {

namespace {

// The compression a byte stream starts with, when it is one a chart may not use.
const char* other_compression(std::string_view bytes) {
  struct Magic {
    std::string_view prefix;
    const char* name;
  };
  static constexpr Magic kMagics[] = {
      {"BZh", "bzip2"},
      {"\xFD"
       "7zXZ",
       "xz"},
      {std::string_view("\x5D\x00\x00", 3), "lzma"},
      {"\x28\xB5\x2F\xFD", "zstd"},
      {"\x04\x22\x4D\x18", "lz4"},
      {"LZIP", "lzip"},
      {"LRZI", "lrzip"},
      {"\x89LZO", "lzop"},
      {"\x1F\x9D", "compress (.Z)"},
      {"GRZipII", "grzip"},
      {"begin ", "uuencoded"},
      {"\xED\xAB\xEE\xDB", "rpm"},
      {"PK\x03\x04", "zip"},
      {"7z\xBC\xAF\x27\x1C", "7-zip"},
  };
  if (bytes.size() > 262 && bytes.substr(257, 5) == "ustar") return nullptr;  // a plain tar, whatever its first name
  for (const auto& m : kMagics)
    if (bytes.substr(0, m.prefix.size()) == m.prefix) return m.name;
  return nullptr;
}

}  // namespace

ChartArchive read_chart_archive(std::string_view bytes, const std::string& source, const std::set<std::string>& wanted,
                                const Limits& limits) {
  const ArchiveApi& api = libarchive();
  Reader reader(api);
  struct ::archive* a = reader.get();
  const std::string not_archive = source + " is not a chart archive (a .tgz made by `helm package`)";
  if (bytes.empty()) throw Error(not_archive + ": it is empty");
  // Charts are gzip'd tar. libarchive's other filters are not enabled: some of
  // them run an external program (lrzip, lzop, grzip, ...) on what they are fed.
  if (const char* other = other_compression(bytes))
    throw Error(source + " is " + other +
                " data, not a gzip-compressed tar (what `helm package` makes); kratix reads only those, repackage "
                "the chart with helm package");
  // ARCHIVE_WARN here would mean gzip through an external program: refused too.
  if (api.read_support_filter_gzip(a) != ARCHIVE_OK || api.read_support_format_tar(a) != ARCHIVE_OK)
    throw Error("this libarchive cannot read gzip by itself (" + reader.error() +
                "); install Debian's libarchive13, which has zlib built in");
  if (api.read_open_memory(a, bytes.data(), bytes.size()) != ARCHIVE_OK)
    throw Error(not_archive + ": " + reader.error());

  ChartArchive out;
  bool has_chart_yaml = false;
  std::vector<char> buffer(size_t{64} * 1024);
  while (true) {
    struct ::archive_entry* entry = nullptr;
    const int r = api.read_next_header(a, &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) {
      if (out.entries == 0) throw Error(not_archive + ": " + reader.error());
      throw Error(source + " is truncated or corrupt after " + std::to_string(out.entries) + " entries (" +
                  reader.error() + "); download it again");
    }
    if (++out.entries > limits.max_files)
      throw Error(source + " holds more than " + std::to_string(limits.max_files) +
                  " entries; kratix refuses archives this large (a chart has far fewer files)");

    const char* raw = api.entry_pathname(entry);
    const std::string path = raw != nullptr ? raw : "";
    const std::string refused = source + ": refusing entry \"" + path + "\"";
    if (path.empty()) throw Error(refused + ": it has no name");
    if (path[0] == '/') throw Error(refused + ": absolute paths are not allowed in a chart archive");
    const auto parts = components(path);
    for (const auto& p : parts)
      if (p == "..") throw Error(refused + ": \"..\" is not allowed in a chart archive path");
    if (parts.empty()) continue;  // "./"
    if (out.root.empty()) {
      out.root = parts[0];
    } else if (parts[0] != out.root) {
      throw Error(source + " has entries under more than one top-level directory (\"" + out.root + "\" and \"" +
                  parts[0] + "\"); a chart archive holds exactly one");
    }
    const std::vector<std::string> dir(parts.begin(), parts.end() - 1);

    if (const char* hard = api.entry_hardlink(entry); hard != nullptr) {
      auto target = components(hard);
      bool inside = !target.empty() && target[0] == out.root;
      for (const auto& p : target) inside = inside && p != "..";
      if (!inside || std::string_view(hard).starts_with("/"))
        throw Error(refused + ": a hard link to \"" + std::string(hard) + "\", outside the chart");
      continue;
    }
    const auto type = api.entry_filetype(entry);
    switch (type) {
      case AE_IFDIR: continue;
      case AE_IFLNK: {
        const char* t = api.entry_symlink(entry);
        const std::string target = t != nullptr ? t : "";
        auto resolved = target.starts_with("/") ? std::nullopt : resolve(dir, target);
        if (!resolved || resolved->empty() || (*resolved)[0] != out.root)
          throw Error(refused + ": a symbolic link to \"" + target + "\", outside the chart");
        continue;  // links inside the chart are harmless and never followed
      }
      case AE_IFCHR:
      case AE_IFBLK: throw Error(refused + ": device files are not allowed in a chart archive");
      case AE_IFIFO: throw Error(refused + ": FIFOs are not allowed in a chart archive");
      case AE_IFSOCK: throw Error(refused + ": sockets are not allowed in a chart archive");
      case AE_IFREG: break;
      default: throw Error(refused + ": unknown entry type; a chart archive holds only files and directories");
    }
    if (parts.size() == 1)
      throw Error(source + ": \"" + path +
                  "\" is a file at the top level; a chart archive holds one top-level directory");
    const std::string relative = join(std::vector<std::string>(parts.begin() + 1, parts.end()));
    if (relative == "Chart.yaml") has_chart_yaml = true;
    const bool keep = wanted.count(relative) != 0;
    std::string contents = read_entry_data(api, reader, buffer, limits, out.bytes, keep, source, path, "chart");
    if (keep) out.files[relative] = std::move(contents);
  }
  if (out.entries == 0) throw Error(not_archive + ": it holds no files");
  if (!has_chart_yaml)
    throw Error(source + " is not a Helm chart archive: there is no " + (out.root.empty() ? "" : out.root + "/") +
                "Chart.yaml");
  return out;
}

}  // namespace kratix::archive
