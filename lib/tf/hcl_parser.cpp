// HCL native syntax, parsed by recursive descent straight from the text (no
// separate lexer: templates nest expressions, which nest templates). Newlines
// end attributes and separate object items, and are ignored inside (), [] and
// ${}; nl_ignore_ counts how deep we are in those.
#include <algorithm>
#include <cctype>

#include "tf/hcl.hpp"
#include "util/utf8.hpp"

namespace kratix::tf {

namespace {

constexpr int kMaxDepth = 200;

bool ident_start(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalpha(u) != 0 || c == '_' || u >= 0x80;
}
bool ident_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || c == '_' || c == '-' || u >= 0x80;
}
bool digit(char c) { return c >= '0' && c <= '9'; }

// Removes the longest run of leading blanks every non-empty line shares (<<-EOT).
std::string flush_heredoc(const std::string& text) {
  std::size_t common = std::string::npos;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::size_t n = 0;
    while (start + n < end && (text[start + n] == ' ' || text[start + n] == '\t')) ++n;
    if (start + n < end) common = std::min(common, n);
    start = end + 1;
  }
  if (common == std::string::npos || common == 0) return text;
  std::string out;
  start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    const bool last = end == std::string::npos;
    if (last) end = text.size();
    const std::size_t cut = std::min(common, end - start);
    out.append(text, start + cut, end - start - cut);
    if (!last) out += '\n';
    start = end + 1;
  }
  return out;
}

class Parser {
 public:
  Parser(const File& file, std::string_view text) : f_(file), s_(text) {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") p_ = 3;  // a byte order mark
  }

  Body parse_file() {
    Body b = body(true);
    return b;
  }

 private:
  const File& f_;
  std::string_view s_;
  std::size_t p_ = 0;
  int nl_ignore_ = 0;
  int depth_ = 0;

  struct Nest {
    explicit Nest(Parser& p) : p_(p) {
      if (++p_.depth_ > kMaxDepth)
        p_.fail(p_.p_, "nesting is deeper than " + std::to_string(kMaxDepth) + " levels; simplify the expression");
    }
    ~Nest() { --p_.depth_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;
    Parser& p_;
  };

  [[noreturn]] void fail(std::size_t at, const std::string& message) const { throw Error(f_.location(at), message); }
  bool eof() const { return p_ >= s_.size(); }
  char peek(std::size_t k = 0) const { return p_ + k < s_.size() ? s_[p_ + k] : '\0'; }
  bool at(std::string_view word) const { return s_.substr(p_, word.size()) == word; }

  std::string found() const {
    if (eof()) return "the end of the file";
    if (peek() == '\n') return "the end of the line";
    return "'" + std::string(1, peek()) + "'";
  }

  // Blanks and comments; newlines too when `newlines`.
  void skip(bool newlines) {
    while (!eof()) {
      const char c = peek();
      if (c == ' ' || c == '\t' || c == '\r') {
        ++p_;
      } else if (c == '\n' && newlines) {
        ++p_;
      } else if (c == '#' || (c == '/' && peek(1) == '/')) {
        while (!eof() && peek() != '\n') ++p_;
      } else if (c == '/' && peek(1) == '*') {
        const std::size_t start = p_;
        const auto end = s_.find("*/", p_ + 2);
        if (end == std::string_view::npos) fail(start, "this /* comment is never closed; end it with */");
        p_ = end + 2;
      } else {
        return;
      }
    }
  }
  void sp() { skip(nl_ignore_ > 0); }

  void expect(char c, const std::string& what) {
    if (peek() != c) fail(p_, "expected '" + std::string(1, c) + "' " + what + ", found " + found());
    ++p_;
  }

  std::string ident() {
    const std::size_t start = p_;
    while (!eof() && ident_char(peek())) ++p_;
    return std::string(s_.substr(start, p_ - start));
  }

  // The end of an attribute or a block: a newline, the end of the file, or the
  // '}' of a one-line block.
  void end_of_item(const std::string& what) {
    skip(false);
    if (eof() || peek() == '\n' || peek() == '}') return;
    fail(p_, "expected a newline after " + what + ", found " + found());
  }

  Body body(bool top) {
    Nest nest(*this);
    Body b;
    while (true) {
      skip(true);
      if (eof()) {
        if (!top) fail(p_, "a block is not closed: expected '}' before the end of the file");
        return b;
      }
      if (peek() == '}') {
        if (top) fail(p_, "unexpected '}': no block is open here");
        return b;
      }
      const std::size_t start = p_;
      if (!ident_start(peek())) fail(p_, "expected an attribute name or a block type, found " + found());
      std::string name = ident();
      skip(false);
      if (peek() == '=' && peek(1) != '=') {
        ++p_;
        skip(false);
        Attribute a{name, expr(), start};
        end_of_item("the value of " + name);
        b.attributes.push_back(std::move(a));
        continue;
      }
      Block blk;
      blk.type = name;
      blk.offset = start;
      while (true) {
        skip(false);
        if (peek() == '"') {
          Expr label = quoted();
          if (label.interpolated) fail(label.begin, "a block label cannot hold ${...}; write a plain string");
          blk.labels.push_back(label.text);
        } else if (ident_start(peek())) {
          blk.labels.push_back(ident());
        } else {
          break;
        }
      }
      if (peek() != '{')
        fail(p_, "expected '=' (an attribute) or '{' (a block) after \"" + name + "\", found " + found());
      ++p_;
      const int saved = nl_ignore_;
      nl_ignore_ = 0;
      blk.body = body(false);
      nl_ignore_ = saved;
      ++p_;  // '}'
      end_of_item("the block " + name);
      b.blocks.push_back(std::move(blk));
    }
  }

  Expr other(std::size_t begin) const {
    Expr e;
    e.kind = Expr::Kind::Other;
    e.begin = begin;
    e.end = p_;
    return e;
  }

  Expr expr() {
    Nest nest(*this);
    const std::size_t begin = p_;
    Expr e = binary(0);
    const std::size_t save = p_;
    sp();
    if (peek() != '?') {
      p_ = save;
      return e;
    }
    ++p_;
    sp();
    expr();
    sp();
    expect(':', "between the results of a conditional (cond ? a : b)");
    sp();
    expr();
    return other(begin);
  }

  std::size_t binary_op(int level) const {
    static const std::vector<std::vector<std::string_view>> ops = {
        {"||"}, {"&&"}, {"==", "!="}, {"<=", ">=", "<", ">"}, {"+", "-"}, {"*", "/", "%"}};
    for (auto op : ops[static_cast<std::size_t>(level)]) {
      if (!at(op)) continue;
      if (op == "<" && peek(1) == '<') return 0;
      return op.size();
    }
    return 0;
  }

  Expr binary(int level) {
    if (level == 6) return unary();
    const std::size_t begin = p_;
    Expr left = binary(level + 1);
    while (true) {
      const std::size_t save = p_;
      sp();
      const std::size_t len = binary_op(level);
      if (len == 0) {
        p_ = save;
        return left;
      }
      p_ += len;
      sp();
      binary(level + 1);
      left = other(begin);
    }
  }

  Expr unary() {
    Nest nest(*this);
    const std::size_t begin = p_;
    if (peek() == '-' || peek() == '!') {
      const bool minus = peek() == '-';
      ++p_;
      sp();
      Expr operand = unary();
      if (!minus) return other(begin);
      Expr e;
      e.kind = Expr::Kind::Negate;
      e.items.push_back(std::move(operand));
      e.begin = begin;
      e.end = p_;
      return e;
    }
    return postfix(term());
  }

  // .attr, .0, .*, [index], [*] after a term.
  Expr postfix(Expr e) {
    while (true) {
      const std::size_t save = p_;
      sp();
      if (peek() == '.' && (ident_start(peek(1)) || digit(peek(1)) || peek(1) == '*')) {
        ++p_;
        if (peek() == '*') {
          ++p_;
        } else if (digit(peek())) {
          while (digit(peek())) ++p_;
        } else {
          ident();
        }
      } else if (peek() == '[') {
        ++p_;
        ++nl_ignore_;
        sp();
        if (peek() == '*') {
          ++p_;
        } else {
          expr();
        }
        sp();
        expect(']', "to close the index");
        --nl_ignore_;
      } else {
        p_ = save;
        return e;
      }
      e.has_traversal = true;
      if (e.kind != Expr::Kind::Traversal) e.kind = Expr::Kind::Other;
      e.end = p_;
    }
  }

  Expr term() {
    const std::size_t begin = p_;
    const char c = peek();
    if (c == '"') return quoted();
    if (c == '<' && peek(1) == '<') return heredoc();
    if (digit(c)) return number();
    if (c == '(') {
      ++p_;
      ++nl_ignore_;
      sp();
      Expr inner = expr();
      sp();
      expect(')', "to close the parenthesis");
      --nl_ignore_;
      inner.begin = begin;
      inner.end = p_;
      return inner;
    }
    if (c == '[') return tuple_or_for();
    if (c == '{') return object_or_for();
    if (ident_start(c)) {
      std::string name = ident();
      Expr e;
      e.begin = begin;
      if (name == "true" || name == "false") {
        e.kind = Expr::Kind::Bool;
        e.text = name;
      } else if (name == "null") {
        e.kind = Expr::Kind::Null;
      } else {
        while (at("::") && ident_start(peek(2))) {  // provider::NAME::function
          p_ += 2;
          name += "::" + ident();
        }
        const std::size_t save = p_;
        skip(false);
        if (peek() == '(') {
          e.kind = Expr::Kind::Call;
          e.text = name;
          e.items = call_arguments(name);
        } else {
          p_ = save;
          e.kind = Expr::Kind::Traversal;
          e.text = name;
        }
      }
      e.end = p_;
      return e;
    }
    fail(p_, "expected a value or an expression, found " + found());
  }

  std::vector<Expr> call_arguments(const std::string& name) {
    ++p_;  // '('
    ++nl_ignore_;
    std::vector<Expr> args;
    while (true) {
      sp();
      if (peek() == ')') break;
      args.push_back(expr());
      sp();
      if (at("...")) {
        p_ += 3;
        sp();
      }
      if (peek() == ',') {
        ++p_;
        continue;
      }
      if (peek() != ')') fail(p_, "expected ',' or ')' in the arguments of " + name + "(), found " + found());
    }
    ++p_;
    --nl_ignore_;
    return args;
  }

  Expr number() {
    const std::size_t begin = p_;
    while (digit(peek())) ++p_;
    if (peek() == '.' && digit(peek(1))) {
      ++p_;
      while (digit(peek())) ++p_;
    }
    if (peek() == 'e' || peek() == 'E') {
      std::size_t k = 1;
      if (peek(k) == '+' || peek(k) == '-') ++k;
      if (digit(peek(k))) {
        p_ += k;
        while (digit(peek())) ++p_;
      }
    }
    Expr e;
    e.kind = Expr::Kind::Number;
    e.text = std::string(s_.substr(begin, p_ - begin));
    e.begin = begin;
    e.end = p_;
    return e;
  }

  bool word_ahead(std::string_view word) {
    const std::size_t save = p_;
    skip(true);
    const bool yes = at(word) && !ident_char(peek(word.size()));
    p_ = save;
    return yes;
  }

  void keyword(std::string_view word, const std::string& what) {
    sp();
    if (!at(word) || ident_char(peek(word.size())))
      fail(p_, "expected '" + std::string(word) + "' " + what + ", found " + found());
    p_ += word.size();
  }

  // [for x in xs : f(x) if cond] and {for k, v in m : k => v... if cond}
  Expr for_expression(std::size_t begin, char close) {
    ++nl_ignore_;
    keyword("for", "");
    sp();
    if (!ident_start(peek())) fail(p_, "expected a variable name after 'for', found " + found());
    ident();
    sp();
    if (peek() == ',') {
      ++p_;
      sp();
      if (!ident_start(peek())) fail(p_, "expected a second variable name after ',', found " + found());
      ident();
    }
    keyword("in", "in the for expression");
    sp();
    expr();
    sp();
    expect(':', "after the collection of the for expression");
    sp();
    expr();
    sp();
    if (close == '}') {
      if (!at("=>")) fail(p_, "expected '=>' between key and value of the for expression, found " + found());
      p_ += 2;
      sp();
      expr();
      sp();
      if (at("...")) p_ += 3;
    }
    if (word_ahead("if")) {
      keyword("if", "");
      sp();
      expr();
    }
    sp();
    expect(close, "to close the for expression");
    --nl_ignore_;
    return other(begin);
  }

  Expr tuple_or_for() {
    Nest nest(*this);
    const std::size_t begin = p_;
    ++p_;
    if (word_ahead("for")) return for_expression(begin, ']');
    ++nl_ignore_;
    Expr e;
    e.kind = Expr::Kind::Tuple;
    e.begin = begin;
    while (true) {
      sp();
      if (peek() == ']') break;
      e.items.push_back(expr());
      sp();
      if (peek() == ',') {
        ++p_;
        continue;
      }
      if (peek() != ']') fail(p_, "expected ',' or ']' in the list, found " + found());
    }
    ++p_;
    --nl_ignore_;
    e.end = p_;
    return e;
  }

  Expr object_or_for() {
    Nest nest(*this);
    const std::size_t begin = p_;
    ++p_;
    if (word_ahead("for")) return for_expression(begin, '}');
    const int saved = nl_ignore_;
    nl_ignore_ = 0;
    Expr e;
    e.kind = Expr::Kind::Object;
    e.begin = begin;
    while (true) {
      skip(true);
      if (peek() == '}') break;
      if (eof()) fail(begin, "this '{' is never closed; end the object with '}'");
      Expr key = binary(0);
      skip(false);
      if (peek() != '=' && peek() != ':')
        fail(p_, "expected '=' or ':' after the key of an object element, found " + found());
      ++p_;
      skip(false);
      e.keys.push_back(std::move(key));
      e.items.push_back(expr());
      skip(false);
      if (peek() == ',') {
        ++p_;
      } else if (peek() != '\n' && peek() != '}') {
        fail(p_, "expected ',', a newline or '}' after an object element, found " + found());
      }
    }
    ++p_;
    nl_ignore_ = saved;
    e.end = p_;
    return e;
  }

  // ${ expr } inside a template; `p_` is at '$'.
  void interpolation() {
    p_ += 2;
    ++nl_ignore_;
    if (peek() == '~') ++p_;
    sp();
    expr();
    sp();
    if (peek() == '~') ++p_;
    expect('}', "to close the ${ interpolation");
    --nl_ignore_;
  }

  // %{ if c }, %{ else }, %{ endif }, %{ for x in xs }, %{ endfor }; `p_` is at '%'.
  void directive() {
    const std::size_t start = p_;
    p_ += 2;
    ++nl_ignore_;
    if (peek() == '~') ++p_;
    sp();
    const std::string word = ident();
    if (word == "if") {
      sp();
      expr();
    } else if (word == "for") {
      sp();
      ident();
      sp();
      if (peek() == ',') {
        ++p_;
        sp();
        ident();
      }
      keyword("in", "in the %{for} directive");
      sp();
      expr();
    } else if (word != "else" && word != "endif" && word != "endfor") {
      fail(start, "unknown template directive %{" + word + "}; use if, else, endif, for or endfor");
    }
    sp();
    if (peek() == '~') ++p_;
    expect('}', "to close the %{ directive");
    --nl_ignore_;
  }

  // $${ and %%{ (literal), ${ interpolation } and %{ directive } at p_, in a
  // quoted string or a heredoc; false when p_ starts none of them.
  bool template_sequence(Expr& e) {
    const char c = peek();
    if ((c == '$' || c == '%') && peek(1) == c && peek(2) == '{') {
      e.text += c;
      e.text += '{';
      p_ += 3;
      return true;
    }
    if ((c == '$' || c == '%') && peek(1) == '{') {
      if (c == '$') {
        interpolation();
      } else {
        directive();
      }
      e.interpolated = true;
      return true;
    }
    return false;
  }

  Expr quoted() {
    const std::size_t begin = p_;
    ++p_;
    Expr e;
    e.kind = Expr::Kind::String;
    e.begin = begin;
    while (true) {
      if (eof() || peek() == '\n')
        fail(begin, "this string is not closed on its line; end it with \" (a heredoc <<EOT holds several lines)");
      const char c = peek();
      if (c == '"') {
        ++p_;
        break;
      }
      if (c == '\\') {
        escape(e.text);
      } else if (!template_sequence(e)) {
        e.text += c;
        ++p_;
      }
    }
    e.end = p_;
    return e;
  }

  void escape(std::string& out) {
    const std::size_t start = p_;
    const char c = peek(1);
    p_ += 2;
    switch (c) {
      case 'n': out += '\n'; return;
      case 'r': out += '\r'; return;
      case 't': out += '\t'; return;
      case '"': out += '"'; return;
      case '\\': out += '\\'; return;
      case 'u':
      case 'U': {
        const std::size_t n = c == 'u' ? 4 : 8;
        unsigned long cp = 0;
        for (std::size_t i = 0; i < n; ++i) {
          const char h = peek();
          if (std::isxdigit(static_cast<unsigned char>(h)) == 0)
            fail(start, std::string("\\") + c + " needs " + std::to_string(n) + " hexadecimal digits");
          cp = cp * 16 + static_cast<unsigned long>(std::stoi(std::string(1, h), nullptr, 16));
          ++p_;
        }
        util::append_utf8(out, cp);
        return;
      }
      default:
        fail(start, std::string("invalid escape \\") + (c == '\n' ? std::string("newline") : std::string(1, c)) +
                        " in a string; write \\\\ for a backslash");
    }
  }

  Expr heredoc() {
    const std::size_t begin = p_;
    p_ += 2;
    const bool flush = peek() == '-';
    if (flush) ++p_;
    if (!ident_start(peek())) fail(p_, "expected a heredoc marker after <<, e.g. <<EOT");
    const std::string marker = ident();
    skip(false);
    if (peek() != '\n') fail(p_, "a heredoc marker must end its line (<<" + marker + " then a newline)");
    ++p_;
    // The line holding only the marker ends the heredoc.
    std::size_t line = p_;
    std::size_t content_end = std::string_view::npos;
    std::size_t after = 0;
    while (line < s_.size()) {
      std::size_t eol = s_.find('\n', line);
      if (eol == std::string_view::npos) eol = s_.size();
      std::size_t a = line;
      while (a < eol && (s_[a] == ' ' || s_[a] == '\t')) ++a;
      std::size_t b = eol;
      while (b > a && (s_[b - 1] == ' ' || s_[b - 1] == '\t' || s_[b - 1] == '\r')) --b;
      if (s_.substr(a, b - a) == marker) {
        content_end = line;
        after = eol;
        break;
      }
      line = eol + 1;
    }
    if (content_end == std::string_view::npos)
      fail(begin, "the heredoc <<" + marker + " is never closed; end it with a line holding only " + marker);
    Expr e;
    e.kind = Expr::Kind::String;
    e.begin = begin;
    while (p_ < content_end) {
      const char c = peek();
      if (!template_sequence(e)) {
        if (c != '\r' || peek(1) != '\n') e.text += c;
        ++p_;
      }
    }
    if (flush) e.text = flush_heredoc(e.text);
    p_ = after;
    e.end = p_;
    return e;
  }
};

}  // namespace

const Attribute* Body::attribute(std::string_view name) const {
  for (const auto& a : attributes)
    if (a.name == name) return &a;
  return nullptr;
}

File::File(std::string name, std::string text) : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  Parser parser(*this, text_);
  body_ = parser.parse_file();
}

SourceLocation File::location(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());
  const std::size_t start = line_starts_[line - 1];
  int column = 1;
  for (std::size_t i = start; i < offset; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  return {name_, static_cast<int>(line), column};
}

std::string File::source_of(const Expr& e) const {
  std::string out;
  bool blank = false;
  for (std::size_t i = e.begin; i < e.end && i < text_.size(); ++i) {
    const char c = text_[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

}  // namespace kratix::tf
