#include <csignal>

#include "process/process.hpp"

namespace kratix::process {

namespace {

const char* signal_name(int sig) {
  switch (sig) {
    case SIGHUP: return "SIGHUP";
    case SIGINT: return "SIGINT";
    case SIGQUIT: return "SIGQUIT";
    case SIGILL: return "SIGILL";
    case SIGABRT: return "SIGABRT";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGKILL: return "SIGKILL";
    case SIGSEGV: return "SIGSEGV";
    case SIGPIPE: return "SIGPIPE";
    case SIGALRM: return "SIGALRM";
    case SIGTERM: return "SIGTERM";
    default: return nullptr;
  }
}

std::string format_duration(std::chrono::milliseconds d) {
  auto ms = d.count();
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + "s";
  return std::to_string(ms) + "ms";
}

}  // namespace

std::string describe(const Result& r, std::chrono::milliseconds timeout) {
  if (r.interrupted) {
    const char* name = signal_name(r.interrupted);
    return std::string("was stopped: kratix got ") + (name ? name : "a signal");
  }
  if (r.timed_out) return timeout.count() > 0 ? "timed out after " + format_duration(timeout) : "timed out";
  if (r.signal) {
    const char* name = signal_name(r.signal);
    return "was killed by signal " + std::to_string(r.signal) + (name ? std::string(" (") + name + ")" : "");
  }
  return "exited with status " + std::to_string(r.exit_code);
}

std::string last_lines(std::string_view text, size_t lines) {
  while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  size_t pos = text.size();
  size_t seen = 0;
  while (pos > 0) {
    size_t nl = text.rfind('\n', pos - 1);
    if (nl == std::string_view::npos) return std::string(text);
    if (++seen == lines) return std::string(text.substr(nl + 1));
    pos = nl;
  }
  return std::string(text);
}

}  // namespace kratix::process
