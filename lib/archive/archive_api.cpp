#include "archive/archive_api.hpp"

#include "util/dynlib.hpp"

namespace kratix::archive {

namespace {

ArchiveApi load() {
  ArchiveApi a{};
#ifdef KRATIX_DLOPEN
  static const util::DynLib lib(KRATIX_ARCHIVE_SONAME, KRATIX_ARCHIVE_PACKAGE);
  lib.bind(a.read_new, "archive_read_new");
  lib.bind(a.read_support_filter_gzip, "archive_read_support_filter_gzip");
  lib.bind(a.read_support_format_tar, "archive_read_support_format_tar");
  lib.bind(a.read_open_memory, "archive_read_open_memory");
  lib.bind(a.read_next_header, "archive_read_next_header");
  lib.bind(a.read_data, "archive_read_data");
  lib.bind(a.read_free, "archive_read_free");
  lib.bind(a.error_string, "archive_error_string");
  lib.bind(a.entry_pathname, "archive_entry_pathname");
  lib.bind(a.entry_filetype, "archive_entry_filetype");
  lib.bind(a.entry_size, "archive_entry_size");
  lib.bind(a.entry_symlink, "archive_entry_symlink");
  lib.bind(a.entry_hardlink, "archive_entry_hardlink");
  lib.bind(a.read_support_format_zip, "archive_read_support_format_zip");
#else
  a = ArchiveApi{&::archive_read_new,
                 &::archive_read_support_filter_gzip,
                 &::archive_read_support_format_tar,
                 &::archive_read_open_memory,
                 &::archive_read_next_header,
                 &::archive_read_data,
                 &::archive_read_free,
                 &::archive_error_string,
                 &::archive_entry_pathname,
                 &::archive_entry_filetype,
                 &::archive_entry_size,
                 &::archive_entry_symlink,
                 &::archive_entry_hardlink,
                 &::archive_read_support_format_zip};
#endif
  return a;
}

}  // namespace

const ArchiveApi& libarchive() {
  static const ArchiveApi api = load();
  return api;
}

}  // namespace kratix::archive
