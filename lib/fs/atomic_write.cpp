#include "fs/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include "core/error.hpp"

namespace stdfs = std::filesystem;

namespace kratix::fs {

namespace {

std::string errno_text() { return std::strerror(errno); }

stdfs::path temp_sibling(const stdfs::path& path) {
  static std::mt19937_64 rng{std::random_device{}()};
  std::ostringstream name;
  name << "." << path.filename().string() << ".kratix-" << std::hex << (rng() & 0xffffffffffULL) << ".tmp";
  return path.parent_path() / name.str();
}

// Writes content to a new temp file beside path and returns the temp path.
stdfs::path write_temp(const stdfs::path& path, std::string_view content, mode_t mode) {
  stdfs::path tmp = temp_sibling(path);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw Error("cannot write " + path.string() + ": " + errno_text());
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string why = errno_text();
      ::close(fd);
      ::unlink(tmp.c_str());
      throw Error("cannot write " + path.string() + ": " + why);
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (::fchmod(fd, mode) != 0 || ::close(fd) != 0) {
    std::string why = errno_text();
    ::unlink(tmp.c_str());
    throw Error("cannot write " + path.string() + ": " + why);
  }
  return tmp;
}

mode_t mode_for(const stdfs::path& path, std::optional<stdfs::perms> wanted) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) return st.st_mode & 07777;
  if (wanted) return static_cast<mode_t>(*wanted);
  return 0644;
}

}  // namespace

std::string read_file(const stdfs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read " + path.string() + ": " + errno_text());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void atomic_write(const stdfs::path& path, std::string_view content, std::optional<stdfs::perms> mode) {
  stdfs::path tmp = write_temp(path, content, mode_for(path, mode));
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string why = errno_text();
    ::unlink(tmp.c_str());
    throw Error("cannot write " + path.string() + ": " + why);
  }
}

void Transaction::write(stdfs::path path, std::string content, std::optional<stdfs::perms> mode) {
  changes_.push_back({std::move(path), std::move(content), mode});
}

void Transaction::make_directory(stdfs::path path) { directories_.push_back(std::move(path)); }

void Transaction::remove(stdfs::path path) { changes_.push_back({std::move(path), std::nullopt, std::nullopt}); }

std::vector<stdfs::path> Transaction::paths() const {
  std::vector<stdfs::path> out;
  for (const auto& c : changes_) out.push_back(c.path);
  return out;
}

void Transaction::commit() {
  std::vector<stdfs::path> made_dirs;
  std::vector<stdfs::path> temps(changes_.size());
  struct Undo {
    stdfs::path path;
    std::optional<std::string> old_content;  // nullopt: the file did not exist
    mode_t mode = 0644;
  };
  std::vector<Undo> undo;

  auto roll_back = [&] {
    for (auto it = undo.rbegin(); it != undo.rend(); ++it) {
      std::error_code ec;
      if (it->old_content) {
        try {
          atomic_write(it->path, *it->old_content, static_cast<stdfs::perms>(it->mode));
        } catch (const Error&) {}
      } else {
        stdfs::remove(it->path, ec);
      }
    }
    for (const auto& t : temps) {
      std::error_code ec;
      if (!t.empty()) stdfs::remove(t, ec);
    }
    for (auto it = made_dirs.rbegin(); it != made_dirs.rend(); ++it) {
      std::error_code ec;
      stdfs::remove(*it, ec);  // only removes it when empty
    }
  };

  auto make_dirs = [&](const stdfs::path& dir) {
    std::vector<stdfs::path> missing;
    for (stdfs::path p = dir; !p.empty() && !stdfs::exists(p); p = p.parent_path()) missing.push_back(p);
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
      std::error_code ec;
      if (!stdfs::create_directory(*it, ec) && ec)
        throw Error("cannot create directory " + it->string() + ": " + ec.message());
      made_dirs.push_back(*it);
    }
  };
  try {
    for (const auto& d : directories_) make_dirs(d);
    // Stage: every new content goes to a temp file first.
    for (size_t i = 0; i < changes_.size(); ++i) {
      const Change& c = changes_[i];
      if (!c.content) continue;
      stdfs::path parent = c.path.parent_path();
      if (!parent.empty()) {
        make_dirs(parent);
        if (!stdfs::is_directory(parent))
          throw Error("cannot write " + c.path.string() + ": " + parent.string() + " is not a directory");
      }
      temps[i] = write_temp(c.path, *c.content, mode_for(c.path, c.mode));
    }
    // Apply: rename into place, remembering how to undo each step.
    for (size_t i = 0; i < changes_.size(); ++i) {
      const Change& c = changes_[i];
      Undo u{c.path, std::nullopt, 0644};
      struct stat st {};
      if (::lstat(c.path.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) throw Error("cannot replace " + c.path.string() + ": it is a directory");
        // The old content is only needed to undo this step when a later one fails.
        u.old_content = (i + 1 < changes_.size()) ? read_file(c.path) : std::string();
        u.mode = st.st_mode & 07777;
      } else if (!c.content) {
        continue;  // removing a file that is not there
      }
      if (c.content) {
        if (::rename(temps[i].c_str(), c.path.c_str()) != 0)
          throw Error("cannot write " + c.path.string() + ": " + errno_text());
        temps[i].clear();
      } else if (::unlink(c.path.c_str()) != 0) {
        throw Error("cannot remove " + c.path.string() + ": " + errno_text());
      }
      undo.push_back(std::move(u));
    }
  } catch (...) {
    roll_back();
    throw;
  }
}

}  // namespace kratix::fs
