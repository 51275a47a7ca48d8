#include "scaffold/render.hpp"

#include <cctype>
#include <vector>

#include "core/error.hpp"

namespace kratix::scaffold {

namespace {

// Appends text with n spaces before each line that is not empty, a line at a time.
void append_indented(std::string& out, std::string_view text, int n) {
  size_t lines = 1;
  for (size_t p = text.find('\n'); p != std::string_view::npos; p = text.find('\n', p + 1)) ++lines;
  out.reserve(out.size() + text.size() + lines * static_cast<size_t>(n));
  for (size_t pos = 0; pos < text.size();) {
    const size_t nl = text.find('\n', pos);
    const size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    if (text[pos] != '\n') out.append(static_cast<size_t>(n), ' ');
    out.append(text.substr(pos, end - pos));
    pos = end;
  }
}

}  // namespace

std::string indent(std::string_view text, int n) {
  std::string out;
  append_indented(out, text, n);
  return out;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

struct Tag {
  enum Kind { Text, Value, If, Unless, EndIf } kind = Text;
  std::string_view text;  // literal text, or the name
  int indent = 0;
  bool own_line = false;  // a value tag alone on its line
};

class Renderer {
 public:
  Renderer(std::string_view name, const Values& values) : name_(name), values_(values) {}

  std::string run(std::string_view text) {
    tokens_ = tokenize(text);
    size_t pos = 0;
    std::string out;
    emit(pos, out, true);
    if (pos != tokens_.size()) fail("{{/if}} without a matching {{#if}} or {{#unless}}");
    return out;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw Error("internal: scaffold template '" + std::string(name_) + "': " + what);
  }

  const std::string& lookup(std::string_view key) const {
    auto it = values_.find(key);
    if (it == values_.end()) fail("no value for '" + std::string(key) + "'");
    return it->second;
  }

  // Renders tokens from pos until an {{/if}} (consumed) or the end.
  void emit(size_t& pos, std::string& out, bool top) {
    while (pos < tokens_.size()) {
      const Tag& t = tokens_[pos++];
      switch (t.kind) {
        case Tag::Text: {
          std::string_view text = t.text;
          if (skip_newline_ && text.starts_with('\n')) text.remove_prefix(1);
          skip_newline_ = false;
          out += text;
          break;
        }
        case Tag::Value: {
          const std::string& v = lookup(t.text);
          if (t.own_line) {
            // Alone on its line, the value is whole lines: an empty one leaves no
            // line behind, and the value's own final newline ends the line.
            if (v.empty()) {
              while (!out.empty() && out.back() == ' ') out.pop_back();
              skip_newline_ = true;
              break;
            }
            if (v.back() == '\n') skip_newline_ = true;
          }
          if (t.indent > 0)
            append_indented(out, v, t.indent);
          else
            out += v;
          break;
        }
        case Tag::If:
        case Tag::Unless: {
          std::string inner;
          emit(pos, inner, false);
          if (lookup(t.text).empty() == (t.kind == Tag::Unless)) out += inner;
          break;
        }
        case Tag::EndIf:
          if (top) fail("{{/if}} without a matching {{#if}} or {{#unless}}");
          return;
      }
    }
    if (!top) fail("{{#if}} or {{#unless}} without a matching end tag");
  }

  Tag parse_tag(std::string_view body) const {
    body = trim(body);
    Tag tag;
    if (body.starts_with("#if ")) {
      tag.kind = Tag::If;
      tag.text = trim(body.substr(4));
      return tag;
    }
    if (body.starts_with("#unless ")) {
      tag.kind = Tag::Unless;
      tag.text = trim(body.substr(8));
      return tag;
    }
    if (body == "/if" || body == "/unless") {
      tag.kind = Tag::EndIf;
      return tag;
    }
    tag.kind = Tag::Value;
    auto bar = body.find('|');
    tag.text = trim(body.substr(0, bar));
    if (bar != std::string_view::npos) {
      auto filter = trim(body.substr(bar + 1));
      if (!filter.starts_with("indent ")) fail("unknown filter '" + std::string(filter) + "'");
      tag.indent = std::stoi(std::string(trim(filter.substr(7))));
    }
    if (tag.text.empty()) fail("empty {{ }}");
    return tag;
  }

  std::vector<Tag> tokenize(std::string_view text) const {
    std::vector<Tag> out;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t open = text.find("{{", pos);
      if (open == std::string_view::npos) {
        out.push_back({Tag::Text, text.substr(pos), 0});
        break;
      }
      size_t close = text.find("}}", open);
      if (close == std::string_view::npos) fail("'{{' without '}}'");
      Tag tag = parse_tag(text.substr(open + 2, close - open - 2));
      size_t after = close + 2;
      size_t text_end = open;
      if (tag.kind == Tag::Value) {
        size_t line_start = open;
        while (line_start > 0 && text[line_start - 1] == ' ') --line_start;
        tag.own_line =
            (line_start == 0 || text[line_start - 1] == '\n') && (after == text.size() || text[after] == '\n');
      } else {
        // A block tag alone on its line takes the whole line with it.
        size_t line_start = open;
        while (line_start > pos && text[line_start - 1] != '\n') --line_start;
        bool starts_line = line_start == 0 || text[line_start - 1] == '\n';
        size_t line_end = text.find('\n', after);
        if (line_end == std::string_view::npos) line_end = text.size();
        bool alone = starts_line && trim(text.substr(line_start, open - line_start)).empty() &&
                     trim(text.substr(after, line_end - after)).empty();
        if (alone) {
          text_end = line_start;
          after = line_end == text.size() ? line_end : line_end + 1;
        }
      }
      if (text_end > pos) out.push_back({Tag::Text, text.substr(pos, text_end - pos), 0});
      out.push_back(tag);
      pos = after;
    }
    return out;
  }

  std::string_view name_;
  const Values& values_;
  std::vector<Tag> tokens_;
  bool skip_newline_ = false;
};

}  // namespace

std::string render(std::string_view template_name, std::string_view text, const Values& values) {
  return Renderer(template_name, values).run(text);
}

}  // namespace kratix::scaffold
