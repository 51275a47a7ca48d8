#include "archive/module_archive.hpp"

#include <vector>

#include "archive/archive_api.hpp"
#include "archive/entry_path.hpp"
#include "core/error.hpp"

namespace kratix::archive {

namespace {

bool absolute(const std::string& path) {
  return path[0] == '/' || path[0] == '\\' || (path.size() > 1 && path[1] == ':');
}

// Refuses an entry that is not a file, a directory or a link staying inside
// the archive; returns whether its data is a regular file's.
bool admissible(const ArchiveApi& api, struct ::archive_entry* entry, const std::vector<std::string>& parts,
                const std::string& refused) {
  if (const char* hard = api.entry_hardlink(entry); hard != nullptr) {
    const auto target = resolve({}, hard);
    if (std::string_view(hard).starts_with("/") || !target || target->empty())
      throw Error(refused + ": a hard link to \"" + std::string(hard) + "\", outside the archive");
    return false;
  }
  switch (api.entry_filetype(entry)) {
    case AE_IFREG: return true;
    case AE_IFDIR: return false;
    case AE_IFLNK: {
      const char* t = api.entry_symlink(entry);
      const std::string target = t != nullptr ? t : "";
      const std::vector<std::string> dir(parts.begin(), parts.end() - 1);
      const auto resolved = target.starts_with("/") ? std::nullopt : resolve(dir, target);
      if (!resolved || resolved->empty())
        throw Error(refused + ": a symbolic link to \"" + target + "\", outside the archive");
      return false;  // never followed
    }
    case AE_IFCHR:
    case AE_IFBLK: throw Error(refused + ": device files are not allowed in a module archive");
    case AE_IFIFO: throw Error(refused + ": FIFOs are not allowed in a module archive");
    case AE_IFSOCK: throw Error(refused + ": sockets are not allowed in a module archive");
    default: throw Error(refused + ": unknown entry type; a module archive holds only files and directories");
  }
}

}  // namespace

ModuleArchive read_module_archive(std::string_view bytes, const std::string& source, ModuleFormat format,
                                  const Limits& limits) {
  const ArchiveApi& api = libarchive();
  Reader reader(api);
  struct ::archive* a = reader.get();
  const char* kind = format == ModuleFormat::Zip ? "a zip archive" : "a gzip-compressed tar archive (.tgz)";
  if (format == ModuleFormat::Zip) {
    api.read_support_format_zip(a);
  } else {
    api.read_support_filter_gzip(a);
    api.read_support_format_tar(a);
  }
  const std::string not_archive = source + " is not " + std::string(kind);
  if (bytes.empty()) throw Error(not_archive + ": it is empty");
  if (api.read_open_memory(a, bytes.data(), bytes.size()) != ARCHIVE_OK)
    throw Error(not_archive + ": " + reader.error());

  ModuleArchive out;
  std::vector<char> buffer(std::size_t{64} * 1024);
  for (struct ::archive_entry* entry = nullptr;;) {
    const int r = api.read_next_header(a, &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) {
      throw Error(out.entries == 0 ? not_archive + ": " + reader.error()
                                   : source + " is truncated or corrupt after " + std::to_string(out.entries) +
                                         " entries (" + reader.error() + "); download it again");
    }
    if (++out.entries > limits.max_files)
      throw Error(source + " holds more than " + std::to_string(limits.max_files) +
                  " entries; kratix refuses module archives this large");
    const char* raw = api.entry_pathname(entry);
    const std::string path = raw != nullptr ? raw : "";
    const std::string refused = source + ": refusing entry \"" + path + "\"";
    if (path.empty()) throw Error(refused + ": it has no name");
    if (absolute(path)) throw Error(refused + ": absolute paths are not allowed in a module archive");
    const auto parts = components(path);
    for (const auto& p : parts)
      if (p == "..") throw Error(refused + ": \"..\" is not allowed in a module archive path");
    if (parts.empty()) continue;
    for (std::size_t i = 1; i < parts.size(); ++i)
      out.directories.insert(join(std::vector<std::string>(parts.begin(), parts.begin() + static_cast<long>(i))));
    const bool regular = admissible(api, entry, parts, refused);
    if (!regular) {
      if (api.entry_filetype(entry) == AE_IFDIR) out.directories.insert(join(parts));
      continue;
    }
    std::string contents = read_entry_data(api, reader, buffer, limits, out.bytes, true, source, path, "module");
    out.files[join(parts)] = std::move(contents);
  }
  if (out.entries == 0) throw Error(not_archive + ": it holds no files");
  return out;
}

}  // namespace kratix::archive
