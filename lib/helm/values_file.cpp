#include "helm/values_file.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "yamledit/emit.hpp"
#include "yamledit/scalar.hpp"
#include "yamledit/scanner.hpp"

namespace kratix::helm {

namespace {

using yamledit::Node;
using Kind = Node::Kind;
using nlohmann::ordered_json;

constexpr size_t kMaxValues = 1000000;  // what aliases may expand to
constexpr int kMaxDepth = 512;

bool any_word(std::string_view s, std::initializer_list<std::string_view> words) {
  for (auto w : words) {
    if (s == w) return true;
  }
  return false;
}

bool is_true_word(std::string_view s) {
  return any_word(s, {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y"});
}
bool is_false_word(std::string_view s) {
  return any_word(s, {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N"});
}

bool digits_of(std::string_view s, int base) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c == '_') continue;
    int v = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
            : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
            : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                                                        : 99;
    if (v >= base) return false;
  }
  return true;
}

// The base of an integer literal ([-+]? then 0x.., 0o.., 0b.., 0.. (octal) or
// decimal) and where its digits start; 0 when it is none.
int integer_base(std::string_view s, size_t& digits) {
  size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  std::string_view t = s.substr(i);
  if (t.empty() || t[0] == '_') return 0;
  if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'o' || t[1] == 'b')) {
    int base = t[1] == 'x' ? 16 : t[1] == 'o' ? 8 : 2;
    digits = i + 2;
    return digits_of(t.substr(2), base) ? base : 0;
  }
  digits = i;
  if (t.size() > 1 && t[0] == '0') return digits_of(t, 8) ? 8 : 0;
  return digits_of(t, 10) ? 10 : 0;
}

bool is_float(std::string_view s) {
  size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || (int_digits > 0 && s[i] == '_'))) {
    ++i;
    ++int_digits;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '_')) {
      ++i;
      ++frac_digits;
    }
    if (int_digits == 0 && frac_digits == 0) return false;
  } else if (int_digits == 0) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      ++i;
      ++exp;
    }
    if (exp == 0) return false;
  }
  return i == s.size();
}

std::string without_underscores(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c != '_') out += c;
  }
  return out;
}

}  // namespace

ValueKind plain_kind(std::string_view s) {
  if (any_word(s, {"", "~", "null", "Null", "NULL"})) return ValueKind::Null;
  if (is_true_word(s) || is_false_word(s)) return ValueKind::Boolean;
  size_t digits = 0;
  if (integer_base(s, digits) != 0) {
    ordered_json j = plain_json(s);
    if (j.is_string()) return ValueKind::String;  // too large even for a float
    return j.is_number_integer() ? ValueKind::Integer : ValueKind::Number;
  }
  if (is_float(s)) return plain_json(s).is_string() ? ValueKind::String : ValueKind::Number;
  return ValueKind::String;
}

// A float, or the text itself when it is too large for one: Helm's YAML
// reader (go-yaml) leaves a number that overflows a float64 a string.
ordered_json float_or_text(std::string_view s) {
  errno = 0;
  const double v = std::strtod(without_underscores(s).c_str(), nullptr);
  if (errno == ERANGE && std::isinf(v)) return std::string(s);
  return v;
}

ordered_json plain_json(std::string_view s) {
  if (any_word(s, {"", "~", "null", "Null", "NULL"})) return nullptr;
  if (is_true_word(s)) return true;
  if (is_false_word(s)) return false;
  size_t digits = 0;
  if (int base = integer_base(s, digits); base != 0) {
    std::string d = without_underscores(s.substr(digits));
    bool negative = !s.empty() && s[0] == '-';
    errno = 0;
    unsigned long long u = std::strtoull(d.c_str(), nullptr, base);
    if (errno == 0) {
      if (!negative && u <= static_cast<unsigned long long>(INT64_MAX)) return static_cast<std::int64_t>(u);
      if (negative && u <= static_cast<unsigned long long>(INT64_MAX) + 1ULL)
        return u == static_cast<unsigned long long>(INT64_MAX) + 1ULL ? INT64_MIN : -static_cast<std::int64_t>(u);
      if (!negative) return u;
    }
    return float_or_text(s);  // too large for an integer: a float, as YAML readers do
  }
  if (is_float(s)) return float_or_text(s);
  return std::string(s);
}

ValuesFile::ValuesFile(std::string text, std::string filename) : text_(std::move(text)), file_(std::move(filename)) {
  if (std::string_view(text_).starts_with("\xEF\xBB\xBF")) text_.erase(0, 3);
  // Document markers: those before the first content go (blanked, so that
  // positions stay); the first one after content ends the document Helm reads.
  bool content = false;
  for (size_t pos = 0; pos < text_.size();) {
    size_t nl = text_.find('\n', pos);
    size_t end = nl == std::string::npos ? text_.size() : nl;
    std::string_view line(text_.data() + pos, end - pos);
    bool marker = (line.starts_with("---") || line.starts_with("...")) &&
                  (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r');
    if (marker) {
      size_t rest = line.find_first_not_of(" \t\r", 3);
      if (content || (rest != std::string_view::npos && line[rest] != '#')) {
        if (!content) {  // "--- value": the value is the document
          text_.replace(pos, 3, "   ");
        } else {
          text_.resize(pos);
          break;
        }
      } else {
        text_.replace(pos, 3, "   ");
      }
    } else {
      size_t first = line.find_first_not_of(" \t\r");
      if (first != std::string_view::npos && line[first] != '#' && !(first == 0 && line[0] == '%')) content = true;
      if (first == 0 && line[0] == '%') text_.replace(pos, line.size(), std::string(line.size(), ' '));
    }
    pos = nl == std::string::npos ? text_.size() : nl + 1;
  }
  lines_ = yamledit::LineTable::of(text_);
  yamledit::scan(text_, lines_, file_, tree_);
}

SourceLocation ValuesFile::where(size_t pos) const {
  size_t li = lines_.line_at(pos);
  int col = li < lines_.lines.size() ? static_cast<int>(pos - lines_.lines[li].begin) + 1 : 1;
  return SourceLocation{file_, static_cast<int>(li) + 1, col};
}

const Node& ValuesFile::deref(const Node& n) const {
  if (n.kind != Kind::Alias) return n;
  std::string_view name = std::string_view(text_).substr(n.begin + 1, n.end - n.begin - 1);
  const Node* found = nullptr;
  for (const Node* a : tree_.anchors) {
    if (a->anchor >= n.begin) break;
    size_t e = a->anchor + 1;
    while (e < text_.size() && std::string_view(" \t\r\n,[]{}").find(text_[e]) == std::string_view::npos) ++e;
    if (std::string_view(text_).substr(a->anchor + 1, e - a->anchor - 1) == name) found = a;
  }
  if (!found)
    throw Error(where(n.begin), "the alias *" + std::string(name) + " has no anchor before it; define &" +
                                    std::string(name) + " first");
  return *found;
}

std::string ValuesFile::scalar(const Node& n) const { return yamledit::scalar_value(text_, deref(n)); }

ValueKind ValuesFile::kind(const Node& node) const {
  const Node& n = deref(node);
  switch (n.kind) {
    case Kind::Null: return ValueKind::Null;
    case Kind::Map: return ValueKind::Object;
    case Kind::Seq: return ValueKind::Array;
    case Kind::Alias: return ValueKind::Null;
    case Kind::Scalar: break;
  }
  if (n.tag != yamledit::kNone) {
    std::string_view tag = std::string_view(text_).substr(n.tag, n.tag_len);
    if (tag == "!!str") return ValueKind::String;
    if (tag == "!!int") return ValueKind::Integer;
    if (tag == "!!float") return ValueKind::Number;
    if (tag == "!!bool") return ValueKind::Boolean;
    if (tag == "!!null") return ValueKind::Null;
    if (tag != "!") return plain_kind(yamledit::scalar_value(text_, n));
    return ValueKind::String;
  }
  if (n.style != Node::Style::Plain) return ValueKind::String;
  return plain_kind(yamledit::scalar_value(text_, n));
}

void ValuesFile::merge_into(const Node& source, std::vector<Member>& out, int depth) const {
  const Node& m = deref(source);
  if (depth > kMaxDepth) throw Error(where(m.begin), "merge keys nested too deep; write the values out");
  if (m.kind == Kind::Seq) {
    for (const auto& i : m.items) merge_into(*i.value, out, depth + 1);
    return;
  }
  if (m.kind != Kind::Map)
    throw Error(where(m.begin), "a merge key (<<) takes a mapping or a list of mappings; fix the value");
  for (Member& member : members(m)) {
    bool known = false;
    for (const Member& o : out) known = known || o.key == member.key;
    if (!known) out.push_back({member.key, member.value, member.entry, true});
  }
}

std::vector<Member> ValuesFile::members(const Node& node) const {
  const Node& map = deref(node);
  std::vector<Member> out;
  std::vector<const Node*> merges;
  out.reserve(map.entries.size());
  for (const auto& e : map.entries) {
    if (e.key == "<<" && e.key_begin < text_.size() && text_[e.key_begin] == '<') {
      merges.push_back(e.value);
      continue;
    }
    // A '? ' key may be of any length; a property name of the CRD is written
    // as a plain key, which YAML bounds.
    if (e.key.size() > yamledit::kMaxKeyLength)
      throw Error(where(e.key_begin), "a key of " + std::to_string(e.key.size()) + " characters, longer than the " +
                                          std::to_string(yamledit::kMaxKeyLength) +
                                          " a property name of the Promise's API can be; shorten it");
    out.push_back({e.key, e.value, &e});
  }
  for (const Node* m : merges) merge_into(*m, out, 0);
  return out;
}

std::vector<const Node*> ValuesFile::items(const Node& node) const {
  const Node& seq = deref(node);
  std::vector<const Node*> out;
  out.reserve(seq.items.size());
  for (const auto& i : seq.items) out.push_back(&deref(*i.value));
  return out;
}

ordered_json ValuesFile::json(const Node& n) const {
  size_t budget = kMaxValues;
  return json(n, budget, 0);
}

ordered_json ValuesFile::json(const Node& node, size_t& budget, int depth) const {
  const Node& n = deref(node);
  if (budget == 0 || depth > kMaxDepth)
    throw Error(where(node.begin), "aliases here expand to too many values; write the values out");
  --budget;
  switch (kind(n)) {
    case ValueKind::Null: return nullptr;
    case ValueKind::Object: {
      ordered_json out = ordered_json::object();
      for (const Member& m : members(n)) out[m.key] = json(*m.value, budget, depth + 1);
      return out;
    }
    case ValueKind::Array: {
      ordered_json out = ordered_json::array();
      for (const auto& i : n.items) out.push_back(json(*i.value, budget, depth + 1));
      return out;
    }
    case ValueKind::String: return yamledit::scalar_value(text_, n);
    default: return plain_json(yamledit::scalar_value(text_, n));
  }
}

}  // namespace kratix::helm
