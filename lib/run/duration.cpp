#include "run/duration.hpp"

#include <cstdint>
#include <limits>
#include <string>

namespace kratix::run {

namespace {

struct Unit {
  std::string_view name;
  int64_t nanos;
};

constexpr Unit kUnits[] = {
    {"ns", 1},
    {"us", 1000},
    {"\xC2\xB5s", 1000},  // U+00B5 micro sign
    {"\xCE\xBCs", 1000},  // U+03BC Greek mu
    {"ms", 1000000},
    {"s", 1000LL * 1000 * 1000},
    {"m", 60LL * 1000 * 1000 * 1000},
    {"h", 3600LL * 1000 * 1000 * 1000},
};

}  // namespace

std::optional<std::chrono::nanoseconds> parse_go_duration(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return std::chrono::nanoseconds(0);
  if (s.empty()) return std::nullopt;
  long double total = 0;
  while (!s.empty()) {
    size_t i = 0;
    long double value = 0;
    size_t int_digits = 0, frac_digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      value = value * 10 + (s[i] - '0');
      ++i;
      ++int_digits;
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      long double scale = 0.1L;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        value += (s[i] - '0') * scale;
        scale /= 10;
        ++i;
        ++frac_digits;
      }
    }
    if (int_digits == 0 && frac_digits == 0) return std::nullopt;
    s.remove_prefix(i);
    size_t unit_len = 0;
    while (unit_len < s.size() && s[unit_len] != '.' && (s[unit_len] < '0' || s[unit_len] > '9')) ++unit_len;
    if (unit_len == 0) return std::nullopt;  // a number without a unit
    std::string_view unit = s.substr(0, unit_len);
    const Unit* found = nullptr;
    for (const Unit& u : kUnits) {
      if (u.name == unit) found = &u;
    }
    if (!found) return std::nullopt;
    total += value * static_cast<long double>(found->nanos);
    if (total > static_cast<long double>(std::numeric_limits<int64_t>::max())) return std::nullopt;
    s.remove_prefix(unit_len);
  }
  auto nanos = static_cast<int64_t>(total);
  return std::chrono::nanoseconds(negative ? -nanos : nanos);
}

}  // namespace kratix::run
