#pragma once
// The libarchive functions kratix uses, opened on first use (util/dynlib.hpp).
#include <archive.h>
#include <archive_entry.h>

namespace kratix::archive {

struct ArchiveApi {
  decltype(&::archive_read_new) read_new;
  decltype(&::archive_read_support_filter_gzip) read_support_filter_gzip;
  decltype(&::archive_read_support_format_tar) read_support_format_tar;
  decltype(&::archive_read_open_memory) read_open_memory;
  decltype(&::archive_read_next_header) read_next_header;
  decltype(&::archive_read_data) read_data;
  decltype(&::archive_read_free) read_free;
  decltype(&::archive_error_string) error_string;
  decltype(&::archive_entry_pathname) entry_pathname;
  decltype(&::archive_entry_filetype) entry_filetype;
  decltype(&::archive_entry_size) entry_size;
  decltype(&::archive_entry_symlink) entry_symlink;
  decltype(&::archive_entry_hardlink) entry_hardlink;
  decltype(&::archive_read_support_format_zip) read_support_format_zip;  // module archives only
};

// Loaded once; kratix::Error when libarchive is missing.
const ArchiveApi& libarchive();

}  // namespace kratix::archive
