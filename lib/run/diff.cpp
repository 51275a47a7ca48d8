#include "run/diff.hpp"

#include <algorithm>
#include <vector>

namespace kratix::run {

namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    lines.push_back(text.substr(pos, eol - pos));
    pos = eol + 1;
  }
  return lines;
}

enum class Op { Same, Del, Add };

// Myers' O((N+M)D) shortest edit script; false when D would exceed max_d.
bool edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b, int max_d,
                 std::vector<Op>& ops) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  const int max = n + m;
  const int off = max + 1;
  const int size = 2 * max + 3;
  std::vector<int> store(static_cast<size_t>(size), 0);
  auto v = [&](int k) -> int& {
    const int at = off + k;
    return store[static_cast<size_t>(at)];
  };
  std::vector<std::vector<int>> trace;
  int found = -1;
  for (int d = 0; d <= std::min(max, max_d) && found < 0; ++d) {
    // What step d reads back when backtracking: v for k in [-(d+1), d+1].
    trace.emplace_back(store.begin() + (off - d - 1), store.begin() + (off + d + 2));
    for (int k = -d; k <= d; k += 2) {
      int x;
      if (k == -d || (k != d && v(k - 1) < v(k + 1)))
        x = v(k + 1);
      else
        x = v(k - 1) + 1;
      int y = x - k;
      while (x < n && y < m && a[static_cast<size_t>(x)] == b[static_cast<size_t>(y)]) {
        ++x;
        ++y;
      }
      v(k) = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return false;
  int x = n, y = m;
  std::vector<Op> reversed;
  for (int d = found; d > 0; --d) {
    const std::vector<int>& saved = trace[static_cast<size_t>(d)];
    const int base = d + 1;
    auto pv = [&](int k) {
      const int at = k + base;
      return saved[static_cast<size_t>(at)];
    };
    int k = x - y;
    int prev_k;
    if (k == -d || (k != d && pv(k - 1) < pv(k + 1)))
      prev_k = k + 1;
    else
      prev_k = k - 1;
    int prev_x = pv(prev_k);
    int prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      reversed.push_back(Op::Same);
      --x;
      --y;
    }
    reversed.push_back(x == prev_x ? Op::Add : Op::Del);
    x = prev_x;
    y = prev_y;
  }
  while (x > 0 && y > 0) {
    reversed.push_back(Op::Same);
    --x;
    --y;
  }
  ops.assign(reversed.rbegin(), reversed.rend());
  return true;
}

std::string range(size_t start, size_t count) {
  // diff -u: "start,count", "start" alone for one line, the line before for none.
  if (count == 1) return std::to_string(start + 1);
  return std::to_string(count == 0 ? start : start + 1) + "," + std::to_string(count);
}

}  // namespace

std::string unified_diff(std::string_view expected, std::string_view actual, const std::string& expected_name,
                         const std::string& actual_name, size_t context) {
  if (expected == actual) return "";
  std::vector<std::string_view> a = split_lines(expected), b = split_lines(actual);
  std::vector<Op> ops;
  if (!edit_script(a, b, 2000, ops))
    return "--- " + expected_name + "\n+++ " + actual_name + "\n(" + std::to_string(a.size()) + " and " +
           std::to_string(b.size()) + " lines, too different to show)\n";
  if (std::all_of(ops.begin(), ops.end(), [](Op o) { return o == Op::Same; }))
    return "--- " + expected_name + "\n+++ " + actual_name + "\n(they differ only in the newline at the end)\n";

  // Positions of each op in a and b.
  std::vector<size_t> ai(ops.size()), bi(ops.size());
  size_t x = 0, y = 0;
  for (size_t i = 0; i < ops.size(); ++i) {
    ai[i] = x;
    bi[i] = y;
    if (ops[i] != Op::Add) ++x;
    if (ops[i] != Op::Del) ++y;
  }
  std::string out = "--- " + expected_name + "\n+++ " + actual_name + "\n";
  size_t i = 0;
  while (i < ops.size()) {
    if (ops[i] == Op::Same) {
      ++i;
      continue;
    }
    size_t start = i >= context ? i - context : 0;
    // Extend the hunk while the next change is within 2*context same lines.
    size_t end = i;
    while (true) {
      while (end < ops.size() && ops[end] != Op::Same) ++end;
      size_t same = end;
      while (same < ops.size() && ops[same] == Op::Same) ++same;
      if (same < ops.size() && same - end <= 2 * context) {
        end = same;
        continue;
      }
      end = std::min(ops.size(), end + context);
      break;
    }
    size_t a_count = 0, b_count = 0;
    for (size_t k = start; k < end; ++k) {
      if (ops[k] != Op::Add) ++a_count;
      if (ops[k] != Op::Del) ++b_count;
    }
    out += "@@ -" + range(ai[start], a_count) + " +" + range(bi[start], b_count) + " @@\n";
    for (size_t k = start; k < end; ++k) {
      switch (ops[k]) {
        case Op::Same: out += " " + std::string(a[ai[k]]) + "\n"; break;
        case Op::Del: out += "-" + std::string(a[ai[k]]) + "\n"; break;
        case Op::Add: out += "+" + std::string(b[bi[k]]) + "\n"; break;
      }
    }
    i = end;
  }
  return out;
}

}  // namespace kratix::run
