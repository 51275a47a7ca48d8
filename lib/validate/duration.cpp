#include "validate/duration.hpp"

#include <cctype>

namespace kratix::validate {

std::optional<double> parse_duration(const std::string& text) {
  std::string s = text;
  double sign = 1;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    sign = s[0] == '-' ? -1 : 1;
    s.erase(0, 1);
  }
  if (s == "0") return 0.0;
  if (s.empty()) return std::nullopt;
  double total = 0;
  size_t i = 0;
  while (i < s.size()) {
    // A decimal number: digits, optionally '.' and more digits; at least one digit.
    double whole = 0, fraction = 0, scale = 1;
    bool digits = false;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      whole = whole * 10 + (s[i++] - '0');
      digits = true;
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
        scale /= 10;
        fraction += (s[i++] - '0') * scale;
        digits = true;
      }
    }
    if (!digits) return std::nullopt;
    size_t u = i;
    while (i < s.size() && !std::isdigit(static_cast<unsigned char>(s[i])) && s[i] != '.') ++i;
    std::string unit = s.substr(u, i - u);
    double seconds = 0;
    if (unit == "h")
      seconds = 3600;
    else if (unit == "m")
      seconds = 60;
    else if (unit == "s")
      seconds = 1;
    else if (unit == "ms")
      seconds = 1e-3;
    else if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs")
      seconds = 1e-6;
    else if (unit == "ns")
      seconds = 1e-9;
    else
      return std::nullopt;  // a missing or unknown unit
    total += (whole + fraction) * seconds;
  }
  return sign * total;
}

}  // namespace kratix::validate
