#include <doctest/doctest.h>
#include <sys/stat.h>

#include "core/error.hpp"
#include "fs/atomic_write.hpp"
#include "temp_dir.hpp"

namespace stdfs = std::filesystem;
using kratix::test::read_text;
using kratix::test::TempDir;
using kratix::test::write_text;

namespace {
size_t entries(const stdfs::path& dir) {
  size_t n = 0;
  for ([[maybe_unused]] auto& e : stdfs::recursive_directory_iterator(dir)) ++n;
  return n;
}
}  // namespace

TEST_CASE("fs: atomic_write replaces content, keeps the mode and leaves no temp file") {
  TempDir t;
  write_text(t / "a.yaml", "old\n");
  stdfs::permissions(t / "a.yaml", stdfs::perms(0640));
  kratix::fs::atomic_write(t / "a.yaml", "new\n");
  CHECK(read_text(t / "a.yaml") == "new\n");
  CHECK((stdfs::status(t / "a.yaml").permissions() & stdfs::perms::all) == stdfs::perms(0640));
  CHECK(entries(t.path()) == 1);
}

TEST_CASE("fs: atomic_write gives a new file mode 0644 unless told otherwise") {
  TempDir t;
  kratix::fs::atomic_write(t / "new.sh", "#!/bin/sh\n", stdfs::perms(0755));
  kratix::fs::atomic_write(t / "new.yaml", "a: 1\n");
  CHECK((stdfs::status(t / "new.sh").permissions() & stdfs::perms::all) == stdfs::perms(0755));
  CHECK((stdfs::status(t / "new.yaml").permissions() & stdfs::perms::all) == stdfs::perms(0644));
}

TEST_CASE("fs: atomic_write into a missing directory fails and names the path") {
  TempDir t;
  CHECK_THROWS_WITH_AS(kratix::fs::atomic_write(t / "nope/a.yaml", "x"), doctest::Contains("nope/a.yaml"),
                       kratix::Error);
}

TEST_CASE("fs: a transaction writes new files, creates directories and removes files") {
  TempDir t;
  write_text(t / "old.yaml", "old\n");
  kratix::fs::Transaction tx;
  tx.write(t / "a/b/c.yaml", "c\n");
  tx.write(t / "d.yaml", "d\n");
  tx.remove(t / "old.yaml");
  tx.remove(t / "never-there.yaml");
  tx.commit();
  CHECK(read_text(t / "a/b/c.yaml") == "c\n");
  CHECK(read_text(t / "d.yaml") == "d\n");
  CHECK_FALSE(stdfs::exists(t / "old.yaml"));
}

TEST_CASE("fs: a failing transaction restores every file and removes what it created") {
  TempDir t;
  write_text(t / "first.yaml", "first\n");
  stdfs::create_directory(t / "blocker");  // a directory cannot be replaced by a file
  kratix::fs::Transaction tx;
  tx.write(t / "first.yaml", "changed\n");
  tx.write(t / "new/dir/file.yaml", "new\n");
  tx.write(t / "blocker", "x\n");
  CHECK_THROWS_WITH_AS(tx.commit(), doctest::Contains("blocker"), kratix::Error);
  CHECK(read_text(t / "first.yaml") == "first\n");
  CHECK_FALSE(stdfs::exists(t / "new"));
  CHECK(stdfs::is_directory(t / "blocker"));
  CHECK(entries(t.path()) == 2);  // first.yaml and blocker: no temp files left
}

TEST_CASE("fs: read_file names the missing file") {
  CHECK_THROWS_WITH_AS(kratix::fs::read_file("/nonexistent/kratix.yaml"), doctest::Contains("/nonexistent/kratix.yaml"),
                       kratix::Error);
}
