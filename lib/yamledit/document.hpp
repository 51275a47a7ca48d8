#pragma once
#include <yaml-cpp/yaml.h>

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/error.hpp"
#include "yamledit/emit.hpp"
#include "yamledit/lines.hpp"
#include "yamledit/node.hpp"

namespace kratix::yamledit {

// A path into a document: mapping keys and sequence indexes.
using PathElement = std::variant<std::string, size_t>;
using Path = std::vector<PathElement>;
std::string to_string(const Path& path);  // "spec.versions[0].name"

// One YAML document that keeps its text: every edit is a splice of the
// original bytes, so comments, blank lines, key order, quoting, indentation,
// sequence style, flow collections, CRLF line endings and a missing final
// newline survive everywhere the edit does not touch. New text follows the
// file's own style; inside a flow collection ({...} or [...]) it is written in
// flow style. Edits that would touch an anchored node, go through an alias or
// an explicit ('? ') key are refused with the place; others are not blocked by
// them.
class Document {
 public:
  Document() = default;
  Document(Document&&) = default;
  Document& operator=(Document&&) = default;
  Document(const Document&) = delete;  // nodes point into this document's tree
  Document& operator=(const Document&) = delete;

  // Scans text; malformed YAML throws kratix::Error "FILE:LINE:COL: ...".
  // line_offset: lines before this document in its file (for messages).
  static Document parse(std::string text, std::string filename, size_t line_offset = 0);

  const std::string& text() const { return text_; }
  bool edited() const { return edited_; }  // any splice since parse
  const std::string& filename() const { return file_; }
  size_t first_line() const { return offset_; }  // its first line in its file (0-based)
  Style style() const { return style_; }
  bool empty() const;  // nothing but comments and blank lines

  // The node at path, or nullptr. Valid until the next edit.
  const Node* find(const Path& path) const;
  bool has(const Path& path) const { return find(path) != nullptr; }
  // The value at path as a yaml-cpp node, built from the scan (aliases followed).
  YAML::Node value(const Path& path) const;
  // The string of a scalar at path; nullopt when absent, null or not a scalar.
  std::optional<std::string> scalar(const Path& path) const;
  // Where the node at path (or its deepest existing ancestor) starts.
  SourceLocation location(const Path& path) const;

  // Sets the value at path, creating missing mapping keys (appended at the end
  // of their mapping). Returns false when the value was already that.
  bool set(const Path& path, const YAML::Node& value);
  // Removes a mapping key or sequence item with its lines (and the comment lines
  // right above it); an emptied collection becomes {} or []. With `keep` below
  // path.size() - 1, the ancestors deeper than its first `keep` elements that
  // would be left empty go too, so that removing what an edit added gives back
  // the bytes from before it (a key with a comment on its line stays, empty).
  // False when absent.
  bool remove(const Path& path, std::optional<size_t> keep = std::nullopt);
  // Adds an item at the end of the sequence at path (created when missing).
  void append(const Path& path, const YAML::Node& item);

 private:
  struct Step;  // a node on the way down a path, with how its parent holds it
  std::vector<Step> walk(const Path& path, size_t& matched) const;
  void refuse(const std::vector<Step>& steps, bool whole_target, const Path& path) const;
  [[noreturn]] void fail(size_t pos, const std::string& what) const;
  SourceLocation where(size_t pos) const;

  // Splices (edit.cpp and flow_edit.cpp).
  void write_value(const Step& at, const YAML::Node& value);
  void clear_value(const Step& at);
  void insert_entry(const Step& map, const std::string& key, const YAML::Node& value);
  void append_item(const Step& seq, const YAML::Node& item);
  void remove_child(const Step& parent, const Step& child);
  void insert_in_flow(const Node& n, const std::string& text);
  void remove_from_flow(const Node& n, size_t index);
  void insert_after_line(size_t line, const std::string& block, bool ends_in_literal);
  void empty_blank_lines_after(size_t line);
  std::string break_at_end(size_t end, const YAML::Node& value) const;
  std::string line_tail(const Step& at) const;
  void splice(size_t begin, size_t end, const std::string& with);

  void rescan() const;
  void fresh() const {
    if (stale_) rescan();
  }  // the structure, scanned again after a splice if needed
  void detect_style();
  std::string eolify(std::string text) const;

  std::string text_;
  std::string file_;
  size_t offset_ = 0;
  // The structure of text_, scanned again lazily after an edit: a command that
  // makes one edit and saves never pays for a second scan.
  mutable LineTable lines_;
  mutable std::unique_ptr<Tree> tree_ = std::make_unique<Tree>();
  mutable bool stale_ = false;
  bool edited_ = false;
  Style style_;
};

// A whole file of YAML documents separated by "---" lines. A leading byte
// order mark, comments and %directives before the first "---", and a final
// "---" or "..." followed only by comments are kept as separators, not
// documents.
class Stream {
 public:
  static Stream parse(const std::string& text, const std::string& filename);
  size_t size() const { return docs_.size(); }
  Document& operator[](size_t i) { return docs_[i]; }
  const Document& operator[](size_t i) const { return docs_[i]; }
  std::string text() const;  // byte-identical to the input until an edit
  bool edited() const;
  // The text before document i: markers, and what is no document (see above).
  const std::string& separator(size_t i) const { return separators_[i]; }

 private:
  std::vector<std::string> separators_;  // the text before each document ("" for the first)
  std::vector<Document> docs_;
  std::string tail_;  // a final marker with nothing but comments after it
};

}  // namespace kratix::yamledit
