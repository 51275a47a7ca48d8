#include "promise/promise_dir.hpp"

#include "core/error.hpp"
#include "promise/read.hpp"

namespace stdfs = std::filesystem;

namespace kratix::promise {

namespace {

// The document of a file that kratix edits: the only one that is not empty,
// or in promise.yaml the only Promise among several.
size_t pick_document(const yamledit::Stream& s, bool promise) {
  std::vector<size_t> full, promises;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i].empty()) continue;
    full.push_back(i);
    if (promise && s[i].scalar({"kind"}) == "Promise") promises.push_back(i);
  }
  if (full.size() <= 1) return full.empty() ? 0 : full.front();
  if (promises.size() == 1) return promises.front();
  const yamledit::Document& second = s[full[1]];
  std::string what = promise ? (promises.empty() ? " and none is a Promise" : " and several are Promises") : "";
  throw Error(second.location({}), "holds " + std::to_string(full.size()) + " YAML documents" + what +
                                       " where kratix expects one" + (promise ? " Promise" : "") +
                                       "; keep one document in it");
}

}  // namespace

PromiseDir PromiseDir::open(const stdfs::path& dir) {
  require_promise_files(dir);
  PromiseDir d;
  d.dir_ = dir;
  d.layout_ = detect_layout(dir);
  return d;
}

yamledit::Document& PromiseDir::doc(const stdfs::path& rel, const char* create) {
  auto it = files_.find(rel);
  if (it == files_.end()) {
    File f;
    stdfs::path full = dir_ / rel;
    std::string text;
    if (stdfs::exists(full)) {
      text = fs::read_file(full);
    } else {
      if (!create) throw Error(full.string() + " does not exist; run 'kratix init promise' or pass the right --dir");
      f.existed = false;
      text = create;
    }
    f.stream = std::make_unique<yamledit::Stream>(yamledit::Stream::parse(text, full.string()));
    f.index = pick_document(*f.stream, rel == kPromiseFile);
    it = files_.emplace(rel, std::move(f)).first;
  }
  return (*it->second.stream)[it->second.index];
}

yamledit::Document& PromiseDir::api(yamledit::Path& base) {
  if (layout_ == Layout::Split) {
    base = {};
    return doc(kApiFile);
  }
  base = {"spec", "api"};
  return doc(kPromiseFile);
}

yamledit::Document& PromiseDir::workflow(const std::string& lifecycle, const std::string& action,
                                         yamledit::Path& base) {
  if (layout_ == Layout::Split) {
    base = {};
    return doc(workflow_file(lifecycle, action), "[]\n");
  }
  base = {"spec", "workflows", lifecycle, action};
  return doc(kPromiseFile);
}

yamledit::Document& PromiseDir::flat_promise(const std::string& what) {
  if (layout_ == Layout::Split)
    throw Error(dir_.string() + " is a split Promise, which has no file for " + what +
                "; build it with 'kratix build promise' and edit the result, or use a flat Promise");
  return doc(kPromiseFile);
}

std::vector<stdfs::path> PromiseDir::save(fs::Transaction extra) {
  std::vector<stdfs::path> written;
  for (auto& [rel, f] : files_) {
    if (f.existed && !f.stream->edited()) continue;
    extra.write(dir_ / rel, f.stream->text());
    written.push_back(dir_ / rel);
  }
  for (const auto& p : extra.paths()) {
    if (std::find(written.begin(), written.end(), p) == written.end()) written.push_back(p);
  }
  extra.commit();
  return written;
}

}  // namespace kratix::promise
