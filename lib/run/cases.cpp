#include "run/cases.hpp"

#include <unistd.h>

#include <algorithm>
#include <functional>
#include <set>

#include "fs/atomic_write.hpp"
#include "promise/layout.hpp"
#include "run/compare.hpp"
#include "run/diff.hpp"
#include "run/env_file.hpp"
#include "run/errors.hpp"

namespace stdfs = std::filesystem;

namespace kratix::run {

namespace {

std::vector<std::string> sorted_dirs(const stdfs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : stdfs::directory_iterator(dir, ec)) {
    if (e.is_directory()) out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool valid_case_name(const std::string& name) {
  if (name.empty() || name == "." || name == ".." || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.'; });
}

Check expected_check(const std::string& name, bool passed, const std::string& message, const std::string& diff = "") {
  return Check{name, "expected", passed, message, diff};
}

// Compares expected/KIND/PIPELINE/ with what each pipeline wrote to /kratix/KIND.
void compare_trees(const TestCase& tc, const std::string& kind, WorkflowResult& result) {
  stdfs::path root = tc.dir / "expected" / kind;
  std::set<std::string> ran;
  for (const auto& p : result.pipelines) ran.insert(p.name);
  std::error_code ec;
  if (stdfs::is_directory(root)) {
    for (const auto& e : stdfs::directory_iterator(root, ec)) {
      std::string name = e.path().filename().string();
      if (!e.is_directory()) {
        result.checks.push_back(
            expected_check("expected/" + kind + "/" + name, false,
                           "expected files go under expected/" + kind + "/PIPELINE/, one directory per pipeline"));
        continue;
      }
      if (ran.count(name)) continue;
      for (const auto& f : list_files(e.path())) {
        std::string why = result.stopped.empty() ? "pipeline " + name + " is not in the " + result.lifecycle + "/" +
                                                       result.action + " workflow"
                                                 : "pipeline " + name + " did not run: " + result.stopped;
        result.checks.push_back(
            expected_check("expected/" + kind + "/" + name + "/" + f, false, "expected, but " + why));
      }
    }
  }
  for (const auto& p : result.pipelines) {
    stdfs::path expected_dir = root / p.name, actual_dir = p.dir / kind;
    std::vector<std::string> expected = list_files(expected_dir), actual = list_files(actual_dir);
    std::set<std::string> all(expected.begin(), expected.end());
    all.insert(actual.begin(), actual.end());
    for (const auto& f : all) {
      std::string name = "expected/" + kind + "/" + p.name + "/" + f;
      bool want = std::find(expected.begin(), expected.end(), f) != expected.end();
      bool got = std::find(actual.begin(), actual.end(), f) != actual.end();
      if (!got) {
        result.checks.push_back(
            expected_check(name, false, "pipeline " + p.name + " did not write /kratix/" + kind + "/" + f));
        continue;
      }
      if (!want) {
        result.checks.push_back(expected_check(name, false,
                                               "pipeline " + p.name + " wrote /kratix/" + kind + "/" + f +
                                                   ", which is not expected (run with --update to accept it)"));
        continue;
      }
      Comparison c;
      try {
        c = compare_files(expected_dir / f, actual_dir / f, name, p.name + ": /kratix/" + kind + "/" + f);
      } catch (const Error& e) {
        c = {false, e.what(), ""};
      }
      result.checks.push_back(expected_check(name, c.equal, c.message, c.diff));
    }
  }
}

Json read_expected(const stdfs::path& file, std::string& error) {
  try {
    return parse_yaml_value(fs::read_file(file), file.string());
  } catch (const Error& e) {
    error = "not valid YAML: " + e.describe();
    return nullptr;
  }
}

std::string unique_suffix() { return std::to_string(::getpid()); }

// The bytes to write for a new expected file: the old ones when they compare
// equal, so that --update leaves unchanged expectations untouched.
std::string keep_if_equal(const stdfs::path& old_file, const std::string& fresh, bool status) {
  std::error_code ec;
  if (!stdfs::is_regular_file(old_file, ec)) return fresh;
  std::string old;
  try {
    old = fs::read_file(old_file);
  } catch (const Error&) {
    return fresh;
  }
  if (old == fresh) return old;
  if (!is_yaml_file(old_file)) return fresh;
  try {
    if (status) {
      if (normalise_status(parse_yaml_value(old, "old")) == normalise_status(parse_yaml_value(fresh, "new")))
        return old;
    } else if (normalise_stream(parse_yaml_stream(old, "old")) == normalise_stream(parse_yaml_stream(fresh, "new"))) {
      return old;
    }
  } catch (const Error&) {}
  return fresh;
}

}  // namespace

std::vector<TestCase> find_cases(const stdfs::path& tests, const std::vector<std::string>& select) {
  if (!stdfs::is_directory(tests))
    refuse("no test cases: " + tests.string() +
           " does not exist; create a case with 'kratix test init CASE', or pass --tests DIR");
  std::vector<TestCase> all;
  for (const auto& lifecycle : sorted_dirs(tests)) {
    if (lifecycle != "promise" && lifecycle != "resource")
      refuse((tests / lifecycle).string() + " is not a lifecycle; test cases live in " + tests.string() +
             "/LIFECYCLE/ACTION/CASE with LIFECYCLE promise or resource");
    for (const auto& action : sorted_dirs(tests / lifecycle)) {
      if (action != "configure" && action != "delete")
        refuse((tests / lifecycle / action).string() + " is not an action; test cases live in " + tests.string() +
               "/LIFECYCLE/ACTION/CASE with ACTION configure or delete");
      for (const auto& name : sorted_dirs(tests / lifecycle / action))
        all.push_back({lifecycle, action, name, tests / lifecycle / action / name});
    }
  }
  if (all.empty()) refuse("no test cases under " + tests.string() + "; create one with 'kratix test init CASE'");
  if (select.empty()) return all;
  std::vector<TestCase> out;
  for (const auto& s : select) {
    bool found = false;
    for (const auto& tc : all) {
      if (s == tc.name || s == tc.label()) {
        found = true;
        if (std::none_of(out.begin(), out.end(), [&](const TestCase& o) { return o.dir == tc.dir; })) out.push_back(tc);
      }
    }
    if (!found) refuse("no test case '" + s + "' under " + tests.string() + " (give CASE or LIFECYCLE/ACTION/CASE)");
  }
  return out;
}

CaseInput case_input(const TestCase& tc) {
  CaseInput in;
  if (stdfs::exists(tc.dir / "input" / "object.yaml")) in.object = tc.dir / "input" / "object.yaml";
  if (stdfs::exists(tc.dir / "env")) in.env = read_env_file(tc.dir / "env");
  for (const auto& [sub, kind] : {std::pair{"configmaps", "configmap"}, std::pair{"secrets", "secret"}}) {
    std::error_code ec;
    for (const auto& e : stdfs::directory_iterator(tc.dir / sub, ec)) {
      if (e.is_regular_file() && e.path().extension() == ".env")
        in.refs[std::string(kind) + "/" + e.path().stem().string()] = read_env_file(e.path());
    }
  }
  return in;
}

void check_expectations(const TestCase& tc, WorkflowResult& result) {
  stdfs::path exp = tc.dir / "expected";
  if (result.failed() || !stdfs::is_directory(exp)) return;
  compare_trees(tc, "output", result);
  compare_trees(tc, "metadata", result);
  // status.yaml and scheduling.yaml: compared when the case has them.
  auto compare_doc = [&](const char* file, const std::function<Comparison(const Json&)>& compare) {
    if (!stdfs::exists(exp / file)) return;
    std::string name = std::string("expected/") + file, error;
    Json want = read_expected(exp / file, error);
    Comparison c = error.empty() ? compare(want) : Comparison{false, error, ""};
    result.checks.push_back(expected_check(name, c.equal, c.message, c.diff));
  };
  compare_doc("status.yaml",
              [&](const Json& want) { return compare_status(want, result.status, "expected/status.yaml"); });
  compare_doc("scheduling.yaml", [&](const Json& want) {
    Json got = scheduling_of(result);
    if (want == got) return Comparison{};
    return Comparison{false, "the workload groups differ from what is expected",
                      unified_diff(to_yaml(want), to_yaml(got), "expected/scheduling.yaml", "scheduling of the run")};
  });
}

Json workload_groups(const WorkResult& work) {
  Json groups = Json::array();
  for (const auto& g : work.groups) {
    Json selectors = Json::array();
    for (const auto& s : g.selectors) selectors.push_back({{"matchLabels", s.match_labels}, {"source", s.source}});
    groups.push_back({{"directory", g.directory},
                      {"files", g.files},
                      {"destinationSelectors", selectors},
                      {"destinationLabels", g.resolved}});
  }
  return groups;
}

Json scheduling_of(const WorkflowResult& result) {
  Json out = Json::array();
  for (const auto& p : result.pipelines) {
    if (p.work_written) out.push_back({{"pipeline", p.name}, {"workloadGroups", workload_groups(p.work)}});
  }
  return out;
}

std::vector<std::string> update_expectations(const TestCase& tc, const WorkflowResult& result) {
  const stdfs::path exp = tc.dir / "expected";
  const stdfs::path fresh = tc.dir / ("expected.new-" + unique_suffix());
  std::error_code ec;
  stdfs::remove_all(fresh, ec);
  std::vector<std::string> changed;
  std::set<std::string> written;
  auto put = [&](const std::string& rel, const std::string& content, bool status) {
    std::string bytes = keep_if_equal(exp / rel, content, status);
    stdfs::create_directories((fresh / rel).parent_path());
    fs::atomic_write(fresh / rel, bytes);
    written.insert(rel);
    std::error_code e;
    bool same = stdfs::is_regular_file(exp / rel, e) && fs::read_file(exp / rel) == bytes;
    if (!same) changed.push_back("expected/" + rel);
  };
  try {
    stdfs::create_directories(fresh / "output");
    stdfs::create_directories(fresh / "metadata");
    for (const auto& p : result.pipelines) {
      for (const char* kind : {"output", "metadata"}) {
        for (const auto& f : list_files(p.dir / kind)) {
          std::string content;
          try {
            content = fs::read_file(p.dir / kind / f);
          } catch (const Error&) {
            continue;  // a broken symlink: its contract check fails already
          }
          put(std::string(kind) + "/" + p.name + "/" + f, content, false);
        }
      }
    }
    put("status.yaml", to_yaml(result.status), true);
    put("scheduling.yaml", to_yaml(scheduling_of(result)), false);
    // What the old expectations had and the new ones do not.
    if (stdfs::is_directory(exp)) {
      for (const auto& f : list_files(exp)) {
        if (!written.count(f)) changed.push_back("expected/" + f + " (removed)");
      }
    }
    const stdfs::path old = tc.dir / ("expected.old-" + unique_suffix());
    stdfs::remove_all(old, ec);
    if (stdfs::exists(exp)) stdfs::rename(exp, old);
    stdfs::rename(fresh, exp);
    stdfs::remove_all(old, ec);
  } catch (const std::exception& e) {
    stdfs::remove_all(fresh, ec);
    throw Error("cannot update " + exp.string() + ": " + e.what());
  }
  std::sort(changed.begin(), changed.end());
  return changed;
}

size_t SuiteResult::checks() const {
  size_t n = 0;
  for (const auto& c : cases) n += c.result.checks.size();
  return n;
}

size_t SuiteResult::failed_checks() const {
  size_t n = 0;
  for (const auto& c : cases) n += c.result.failed_checks();
  return n;
}

int SuiteResult::exit_code() const {
  bool error = false, failed = false, checks_failed = false;
  for (const auto& c : cases) {
    error = error || !c.error.empty();
    failed = failed || c.result.failed();
    checks_failed = checks_failed || c.result.failed_checks() > 0;
  }
  if (error) return 2;
  if (failed) return 3;
  return checks_failed ? 1 : 0;
}

SuiteResult run_suite(Runner& runner, const SuiteOptions& o) {
  stdfs::path tests = o.tests.empty() ? runner.options().dir / "test" : o.tests;
  std::vector<TestCase> cases = find_cases(tests, o.select);
  SuiteResult suite;
  const bool keep = runner.options().keep.has_value();
  stdfs::path root = keep ? *runner.options().keep : make_temp_dir();
  bool any_kept = false;
  for (const auto& tc : cases) {
    CaseResult cr;
    cr.tc = tc;
    try {
      CaseInput in = case_input(tc);
      in.work_root = root / tc.lifecycle / tc.action / tc.name;
      cr.result = runner.run(Target{tc.lifecycle, tc.action, "", ""}, in);
      if (o.update && !cr.result.failed()) cr.updated = update_expectations(tc, cr.result);
      check_expectations(tc, cr.result);
    } catch (const Error& e) {
      if (e.exit_code() != ExitCode::Usage && e.exit_code() != ExitCode::Failure) throw;  // interrupted
      cr.error = e.describe();
    }
    any_kept = any_kept || cr.result.keep;
    Runner::clean_up(cr.result);
    suite.cases.push_back(std::move(cr));
  }
  if (!keep && !any_kept) {
    std::error_code ec;
    stdfs::remove_all(root, ec);
  }
  return suite;
}

stdfs::path init_case(const InitCaseOptions& o) {
  Target t = parse_target(o.workflow, "", false);
  if (!valid_case_name(o.name))
    throw UsageError("test case name '" + o.name + "' is not valid; use letters, digits, '-', '_' and '.'");
  stdfs::path tests = o.tests.empty() ? o.dir / "test" : o.tests;
  stdfs::path dir = tests / t.lifecycle / t.action / o.name;
  if (stdfs::exists(dir)) throw Error("the test case " + dir.string() + " exists already; pick another name");
  PromiseModel promise = PromiseModel::load(o.dir);
  std::optional<stdfs::path> input = o.input;
  if (!input && t.lifecycle == "resource") {
    input = o.dir / promise::kExampleResourceFile;
    if (!stdfs::exists(*input))
      refuse("no " + input->string() + " to start the test case from; pass --input FILE with a request");
  }
  fs::Transaction tx;
  tx.make_directory(dir);
  if (input) {
    std::string text = as_input_error([&] { return fs::read_file(*input); });
    Json object = as_input_error([&] { return parse_yaml_value(text, input->string()); });
    make_context(promise, t.lifecycle, t.action, object, input->string(), false);  // a request of the API
    tx.write(dir / "input" / "object.yaml", text);
  }
  tx.commit();
  return dir;
}

}  // namespace kratix::run
