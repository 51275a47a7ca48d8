#pragma once
// A reader of HCL native syntax (Terraform's .tf files), as much as the
// generators need: the whole grammar is parsed, so any real module reads, but
// only what variable and output blocks use is kept in detail (literals, type
// expressions, templates); other expressions are kept as their source text.
// Syntax errors are kratix::Error with FILE:LINE:COL.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace kratix::tf {

struct Expr {
  enum class Kind {
    Null,
    Bool,       // text: "true" / "false"
    Number,     // text: the literal as written
    String,     // a template; text: its value when it has no interpolation
    Tuple,      // items
    Object,     // keys[i] = items[i]; keys are Ident/String exprs, or Other for (expr) keys
    Call,       // text: function name; items: arguments
    Traversal,  // text: root name ("string", "var"); has_traversal: followed by .attr / [index]
    Negate,     // items[0]: unary minus of it
    Other,      // operators, conditionals, for expressions, splats: only the source text is kept
  };
  Kind kind = Kind::Other;
  std::string text;
  bool interpolated = false;  // String: has ${...} or %{...}
  bool has_traversal = false;
  std::vector<Expr> items;
  std::vector<Expr> keys;
  std::size_t begin = 0, end = 0;  // byte offsets of the expression in the file
};

struct Attribute {
  std::string name;
  Expr value;
  std::size_t offset = 0;  // of the name
};

struct Block;

struct Body {
  std::vector<Attribute> attributes;
  std::vector<Block> blocks;
  const Attribute* attribute(std::string_view name) const;
};

struct Block {
  std::string type;
  std::vector<std::string> labels;
  Body body;
  std::size_t offset = 0;  // of the type keyword
};

// One parsed file: the body and what is needed to turn offsets into places.
class File {
 public:
  File(std::string name, std::string text);  // parses; kratix::Error on a syntax error
  const Body& body() const { return body_; }
  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  SourceLocation location(std::size_t offset) const;
  // The source of an expression with runs of whitespace folded to one space.
  std::string source_of(const Expr& e) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
  Body body_;
};

}  // namespace kratix::tf
