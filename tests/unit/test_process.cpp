#include <doctest/doctest.h>
#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <csignal>
#include <fstream>

#include "core/error.hpp"
#include "process/process.hpp"
#include "temp_dir.hpp"

using kratix::process::Options;
using kratix::process::Output;
namespace process = kratix::process;

namespace {

Options capture(std::vector<std::string> argv) {
  Options o;
  o.argv = std::move(argv);
  o.out = Output::Capture;
  o.err = Output::Capture;
  return o;
}

// Blocks until process `pid` (not necessarily our child) has ended.
void wait_for_exit(pid_t pid) {
  long fd = ::syscall(SYS_pidfd_open, pid, 0);
  if (fd < 0) return;  // already gone
  pollfd p{static_cast<int>(fd), POLLIN, 0};
  while (::poll(&p, 1, -1) < 0) {}
  ::close(static_cast<int>(fd));
}

}  // namespace

TEST_CASE("process: stdout and stderr are captured apart, with the exit status") {
  auto r = process::run(capture({"sh", "-c", "echo out; echo err >&2; exit 3"}));
  CHECK(r.out == "out\n");
  CHECK(r.err == "err\n");
  CHECK(r.exit_code == 3);
  CHECK_FALSE(r.ok());
  CHECK(process::describe(r) == "exited with status 3");
}

TEST_CASE("process: a process killed by a signal reports 128 + the signal") {
  auto r = process::run(capture({"sh", "-c", "kill -9 $$"}));
  CHECK(r.signal == 9);
  CHECK(r.exit_code == 137);
  CHECK(process::describe(r) == "was killed by signal 9 (SIGKILL)");
}

TEST_CASE("process: the environment is set over the inherited one, and cwd is used") {
  kratix::test::TempDir t;
  Options o = capture({"sh", "-c", "echo \"$KRATIX_UNIT_A|$KRATIX_UNIT_B\"; pwd"});
  o.env = {{"KRATIX_UNIT_A", "one"}, {"KRATIX_UNIT_B", "two words"}, {"KRATIX_UNIT_A", "last wins"}};
  o.cwd = t.path();
  auto r = process::run(o);
  CHECK(r.out == "last wins|two words\n" + std::filesystem::canonical(t.path()).string() + "\n");
}

TEST_CASE("process: input is written to stdin, and stdin is /dev/null otherwise") {
  Options o = capture({"cat"});
  o.input = std::string(200000, 'x') + "end";
  o.tail_limit = 1 << 20;
  auto r = process::run(o);
  CHECK(r.out.size() == 200003);
  CHECK(r.out.ends_with("end"));
  auto empty = process::run(capture({"cat"}));
  CHECK(empty.out.empty());
  CHECK(empty.ok());
}

TEST_CASE("process: only the tail of a long output is kept, every chunk is handed on") {
  Options o = capture({"sh", "-c", "i=0; while [ $i -lt 2000 ]; do echo line-$i; i=$((i+1)); done"});
  o.tail_limit = 100;
  size_t seen = 0;
  o.on_output = [&](process::Stream s, std::string_view chunk) {
    CHECK(s == process::Stream::Out);
    seen += chunk.size();
  };
  auto r = process::run(o);
  CHECK(r.out.size() == 100);
  CHECK(r.out_truncated);
  CHECK(r.out.ends_with("line-1999\n"));
  CHECK(seen > 10000);
  CHECK(process::last_lines(r.out, 2) == "line-1998\nline-1999");
}

TEST_CASE("process: a timeout runs on_stop and ends the whole process group") {
  kratix::test::TempDir t;
  std::string pidfile = (t / "child.pid").string();
  Options o = capture({"sh", "-c", "sleep 300 & echo $! > " + pidfile + "; wait"});
  o.timeout = std::chrono::milliseconds(200);
  bool stopped = false;
  o.on_stop = [&] { stopped = true; };
  auto r = process::run(o);
  CHECK(r.timed_out);
  CHECK(stopped);
  CHECK_FALSE(r.ok());
  CHECK(process::describe(r, o.timeout) == "timed out after 200ms");
  std::ifstream in(pidfile);
  pid_t grandchild = 0;
  in >> grandchild;
  REQUIRE(grandchild > 0);
  wait_for_exit(grandchild);  // returns only once the background sleep is gone too
}

TEST_CASE("process: SIGINT while waiting stops the child and is reported") {
  Options o = capture({"sh", "-c", "kill -INT $PPID; sleep 300"});
  o.own_group = true;
  auto r = process::run(o);
  CHECK(r.interrupted == SIGINT);
  CHECK_FALSE(r.ok());
  CHECK(process::describe(r) == "was stopped: kratix got SIGINT");
}

TEST_CASE("process: a program that is not there is an error naming it") {
  CHECK_THROWS_WITH_AS(process::run(capture({"kratix-unit-no-such-program"})),
                       doctest::Contains("cannot run kratix-unit-no-such-program"), kratix::Error);
  CHECK_FALSE(process::find_on_path("kratix-unit-no-such-program"));
  CHECK(process::find_on_path("sh"));
}

TEST_CASE("process: output can go to stderr or nowhere") {
  Options o;
  o.argv = {"sh", "-c", "echo hidden"};
  o.out = Output::Discard;
  CHECK(process::run(o).ok());
}
