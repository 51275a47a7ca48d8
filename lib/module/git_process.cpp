#include "module/git_process.hpp"

#include "core/error.hpp"
#include "process/process.hpp"

namespace kratix::module {

namespace {

// git's answers are read whole (cat-file hands over the module's files); more
// than this is not a module kratix reads.
constexpr size_t kMaxOutput = size_t{512} << 20;

}  // namespace

GitOutcome run_git(const std::vector<std::string>& args, const std::string& input) {
  process::Options o;
  o.argv.reserve(args.size() + 1);
  o.argv.emplace_back("git");
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  // Never a prompt: a missing credential is an error, not a question.
  o.env = {{"GIT_TERMINAL_PROMPT", "0"}, {"GCM_INTERACTIVE", "never"}};
  if (!input.empty()) o.input = input;
  o.out = process::Output::Capture;
  o.err = process::Output::Capture;
  o.tail_limit = kMaxOutput;
  process::Result r = process::run(o);
  if (r.out_truncated) throw Error("git answered with more than 512 MiB; the module is too large for kratix to read");
  return GitOutcome{r.exit_code, std::move(r.out), std::move(r.err)};
}

}  // namespace kratix::module
