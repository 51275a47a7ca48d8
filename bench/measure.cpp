// measure: runs a command N times and prints its median wall time and peak memory.
//
//   measure N COMMAND [ARG...]      every "{i}" in an ARG becomes the run's number
//
// Prints one JSON object: {"runs":N,"median_ms":..,"min_ms":..,"max_rss_kib":..,"failures":..}.
// It forks (not vfork) from this small process, so the child's peak RSS is its
// own and not that of whatever started the benchmark.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: measure N COMMAND [ARG...]\n");
    return 2;
  }
  const int runs = std::atoi(argv[1]);
  std::vector<double> times;
  long max_rss = 0;
  int failures = 0;
  for (int i = 0; i < runs; ++i) {
    std::vector<std::string> args;
    for (int a = 2; a < argc; ++a) {
      std::string s = argv[a];
      for (size_t p; (p = s.find("{i}")) != std::string::npos;) s.replace(p, 3, std::to_string(i));
      args.push_back(s);
    }
    std::vector<char*> cargs;
    for (auto& s : args) cargs.push_back(s.data());
    cargs.push_back(nullptr);
    auto start = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid == 0) {
      // The command's own output is not part of the measurement.
      int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, STDOUT_FILENO);
      dup2(devnull, STDERR_FILENO);
      execvp(cargs[0], cargs.data());
      _exit(127);
    }
    int status = 0;
    struct rusage usage {};
    wait4(pid, &status, 0, &usage);
    auto end = std::chrono::steady_clock::now();
    times.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    max_rss = std::max(max_rss, usage.ru_maxrss);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failures;
  }
  std::sort(times.begin(), times.end());
  double median =
      times.size() % 2 ? times[times.size() / 2] : (times[times.size() / 2 - 1] + times[times.size() / 2]) / 2;
  std::printf("{\"runs\":%d,\"median_ms\":%.3f,\"min_ms\":%.3f,\"max_rss_kib\":%ld,\"failures\":%d}\n", runs, median,
              times.front(), max_rss, failures);
  return 0;
}
