#include <algorithm>

#include "core/error.hpp"
#include "yamledit/document.hpp"
#include "yamledit/tokens.hpp"

namespace kratix::yamledit {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Only blank lines, comments and %directives: no document in it.
bool only_trivia(std::string_view body) {
  size_t pos = 0;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    std::string_view line = body.substr(pos, (nl == std::string_view::npos ? body.size() : nl) - pos);
    size_t i = line.find_first_not_of(" \t\r");
    if (i != std::string_view::npos && line[i] != '#' && !(i == 0 && line[0] == '%')) return false;
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return true;
}

// Comments and directives between documents, and marker lines, are no
// document's text, so no document's scan checks their characters: this does,
// as the scanner would (first_line: where `trivia` starts, 0-based).
void check_trivia(std::string_view trivia, const std::string& filename, size_t first_line) {
  size_t line = first_line, line_begin = 0;
  for (size_t i = 0; i < trivia.size(); ++i) {
    const auto c = static_cast<unsigned char>(trivia[i]);
    if (c >= 0x20 && c < 0x7f) continue;
    size_t len = 1;
    std::string problem = character_problem(trivia, i, len);
    i += len - 1;
    if (!problem.empty())
      throw Error(SourceLocation{filename, static_cast<int>(line + 1), static_cast<int>(i - line_begin) + 1},
                  "invalid YAML: " + problem);
    if (c == '\n') {
      ++line;
      line_begin = i + 1;
    }
  }
}

}  // namespace

Stream Stream::parse(const std::string& text, const std::string& filename) {
  Stream s;
  size_t bom = std::string_view(text).starts_with(kBom) ? kBom.size() : 0;
  size_t doc_begin = bom, doc_first_line = 0;
  std::string separator = text.substr(0, bom);
  // Only the lines that start with "---" or "..." matter here: a look at the
  // start of each line (the documents' own scan reads them whole).
  size_t pos = bom;
  for (size_t i = 0; pos < text.size(); ++i) {
    size_t nl = text.find('\n', pos);
    size_t next = nl == std::string::npos ? text.size() : nl + 1;
    size_t end = nl == std::string::npos ? text.size() : (nl > pos && text[nl - 1] == '\r' ? nl - 1 : nl);
    std::string_view v(text.data() + pos, end - pos);
    size_t begin = pos;
    pos = next;
    bool marker = (v.starts_with("---") || v.starts_with("...")) && (v.size() == 3 || v[3] == ' ' || v[3] == '\t');
    if (!marker) continue;
    size_t rest = v.find_first_not_of(" \t", 3);
    if (rest != std::string_view::npos && v[rest] != '#')
      throw Error(SourceLocation{filename, static_cast<int>(i + 1), static_cast<int>(rest) + 1},
                  "content on a document marker line is not supported by kratix; move it to the next line");
    std::string_view body(text.data() + doc_begin, begin - doc_begin);
    std::string marker_line = text.substr(begin, next - begin);
    check_trivia(marker_line, filename, i);
    if (only_trivia(body)) {
      check_trivia(body, filename, doc_first_line);
      separator += std::string(body) + marker_line;  // comments or directives before a marker: no document
    } else {
      s.separators_.push_back(separator);
      s.docs_.push_back(Document::parse(std::string(body), filename, doc_first_line));
      separator = marker_line;
    }
    doc_begin = next;
    doc_first_line = i + 1;
  }
  std::string body = text.substr(doc_begin);
  if (!s.docs_.empty() && only_trivia(body)) {
    check_trivia(body, filename, doc_first_line);
    s.tail_ = separator + body;  // a final marker with nothing but comments after it
  } else {
    s.separators_.push_back(separator);
    s.docs_.push_back(Document::parse(std::move(body), filename, doc_first_line));
  }
  return s;
}

bool Stream::edited() const {
  return std::any_of(docs_.begin(), docs_.end(), [](const Document& d) { return d.edited(); });
}

std::string Stream::text() const {
  std::string out;
  for (size_t i = 0; i < docs_.size(); ++i) {
    out += separators_[i];
    // A marker ending the file without a newline, before a document that was
    // empty and is not any more: the document starts on a line of its own
    // ("...a: 1" is no marker).
    const std::string& sep = separators_[i];
    std::string_view last_line = std::string_view(sep).substr(sep.rfind('\n') + 1);  // npos + 1 == 0
    if (last_line.starts_with(kBom)) last_line.remove_prefix(kBom.size());           // the file's first line
    if ((last_line.starts_with("---") || last_line.starts_with("...")) && !docs_[i].text().empty())
      out += docs_[i].text().find("\r\n") != std::string::npos ? "\r\n" : "\n";
    out += docs_[i].text();
  }
  return out + tail_;
}

}  // namespace kratix::yamledit
