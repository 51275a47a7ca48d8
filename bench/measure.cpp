// measure: runs a command N times and prints its median wall time and peak memory.
//
//   measure N COMMAND [ARG...]      every "{i}" in an ARG becomes the run's number
//
// Prints one JSON object: {"runs":N,"median_ms":..,"min_ms":..,"median_cpu_ms":..,"max_rss_kib":..,"failures":..}
// (CPU: user + system time of the command, which a busy machine does not inflate).
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
  std::vector<double> times, cpu;
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
    cpu.push_back((usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
                  (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failures;
  }
  auto median_of = [](std::vector<double>& v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
  };
  double median = median_of(times);
  double median_cpu = median_of(cpu);
  std::printf(
      "{\"runs\":%d,\"median_ms\":%.3f,\"min_ms\":%.3f,\"median_cpu_ms\":%.3f,\"max_rss_kib\":%ld,\"failures\":%d}\n",
      runs, median, times.front(), median_cpu, max_rss, failures);
  return 0;
}
