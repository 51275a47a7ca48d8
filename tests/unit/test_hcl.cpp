#include <doctest/doctest.h>

#include <string>

#include "core/error.hpp"
#include "tf/hcl.hpp"

using namespace kratix;
using namespace kratix::tf;

namespace {

std::string error_of(const std::string& text) {
  try {
    File f("main.tf", text);
  } catch (const Error& e) {
    return e.describe();
  }
  return "";
}

const Expr& attr(const File& f, std::size_t block, const char* name) {
  const Attribute* a = f.body().blocks.at(block).body.attribute(name);
  REQUIRE_MESSAGE(a != nullptr, name);
  return a->value;
}

}  // namespace

TEST_CASE("hcl: blocks, labels, attributes and comments") {
  File f("main.tf",
         "# a comment\n"
         "variable \"region\" {  // trailing\n"
         "  type = string /* inline */\n"
         "  default = \"eu-west-1\"\n"
         "}\n"
         "/* a block\n comment */\n"
         "terraform { required_version = \">= 1.3\" }\n"
         "locals {\n  a = 1\n}\n");
  REQUIRE(f.body().blocks.size() == 3);
  const Block& v = f.body().blocks[0];
  CHECK(v.type == "variable");
  REQUIRE(v.labels.size() == 1);
  CHECK(v.labels[0] == "region");
  CHECK(attr(f, 0, "type").kind == Expr::Kind::Traversal);
  CHECK(attr(f, 0, "type").text == "string");
  CHECK(attr(f, 0, "default").text == "eu-west-1");
  CHECK(f.body().blocks[1].type == "terraform");
  CHECK(f.location(f.body().blocks[2].offset).line == 9);
}

TEST_CASE("hcl: strings with escapes, interpolation, directives and heredocs") {
  File f("main.tf",
         "x {\n"
         "  a = \"tab\\there \\\"q\\\" \\\\ \\u00e9 $${literal} %%{literal}\"\n"
         "  b = \"hello ${var.name}!\"\n"
         "  c = \"%{ if var.x }yes%{ else }no%{ endif }\"\n"
         "  d = <<EOT\n  line one\n  line two\nEOT\n"
         "  e = <<-EOT\n    indented\n      more\n    EOT\n"
         "  g = \"nested ${join(\",\", [\"a\", \"}\"])}\"\n"
         "}\n");
  CHECK(attr(f, 0, "a").text == "tab\there \"q\" \\ \xC3\xA9 ${literal} %{literal}");
  CHECK_FALSE(attr(f, 0, "a").interpolated);
  CHECK(attr(f, 0, "b").interpolated);
  CHECK(attr(f, 0, "c").interpolated);
  CHECK(attr(f, 0, "d").text == "  line one\n  line two\n");
  CHECK(attr(f, 0, "e").text == "indented\n  more\n");
  CHECK(attr(f, 0, "g").interpolated);
}

TEST_CASE("hcl: numbers, bools, null, lists, objects and type expressions") {
  File f("main.tf",
         "x {\n"
         "  n = -1.5e3\n"
         "  t = true\n"
         "  z = null\n"
         "  l = [1, \"two\",\n    [3],\n  ]\n"
         "  o = {\n    a = 1\n    \"b-c\": 2,\n    d = { e = [] }\n  }\n"
         "  ty = object({ name = string, port = optional(number, 80), tags = map(list(string)) })\n"
         "}\n");
  CHECK(attr(f, 0, "n").kind == Expr::Kind::Negate);
  CHECK(attr(f, 0, "n").items.at(0).text == "1.5e3");
  CHECK(attr(f, 0, "t").kind == Expr::Kind::Bool);
  CHECK(attr(f, 0, "z").kind == Expr::Kind::Null);
  CHECK(attr(f, 0, "l").items.size() == 3);
  const Expr& o = attr(f, 0, "o");
  REQUIRE(o.kind == Expr::Kind::Object);
  REQUIRE(o.keys.size() == 3);
  CHECK(o.keys[1].text == "b-c");
  const Expr& ty = attr(f, 0, "ty");
  CHECK(ty.kind == Expr::Kind::Call);
  CHECK(ty.text == "object");
  CHECK(ty.items.at(0).items.size() == 3);
}

TEST_CASE("hcl: the rest of the expression grammar parses (resources of real modules)") {
  File f("main.tf",
         "resource \"aws_vpc\" \"this\" {\n"
         "  count = var.create && length(var.cidrs) > 0 ? 1 : 0\n"
         "  tags = merge({ Name = format(\"%s\", var.name) }, var.tags)\n"
         "  ids = [for s in aws_subnet.this : s.id if s.map_public_ip]\n"
         "  m = { for k, v in var.m : k => v... }\n"
         "  x = aws_instance.web[*].id\n"
         "  y = var.list[0].attr\n"
         "  z = !var.flag || (1 + 2 * 3 - 4 / 5 % 6) >= 7\n"
         "  w = provider::aws::arn_parse(var.arn)\n"
         "  dynamic \"ingress\" {\n"
         "    for_each = var.rules\n"
         "    content { from_port = ingress.value.from }\n"
         "  }\n"
         "}\n");
  const Block& r = f.body().blocks.at(0);
  CHECK(r.labels.size() == 2);
  CHECK(r.body.attributes.size() == 8);
  CHECK(r.body.blocks.at(0).type == "dynamic");
  CHECK(f.source_of(r.body.attribute("ids")->value) == "[for s in aws_subnet.this : s.id if s.map_public_ip]");
}

TEST_CASE("hcl: syntax errors name FILE:LINE:COL") {
  CHECK(error_of("variable \"a\" {\n  type = string\n") ==
        "main.tf:3:1: a block is not closed: expected '}' before the end of the file");
  CHECK(error_of("variable \"a\" {\n  default = \"open\n}\n").rfind("main.tf:2:13: this string is not closed", 0) == 0);
  CHECK(error_of("x {\n  a = [1, 2\n}\n").rfind("main.tf:3:1: expected ',' or ']' in the list", 0) == 0);
  CHECK(error_of("x {\n  a = \"\\q\"\n}\n").rfind("main.tf:2:8: invalid escape \\q", 0) == 0);
  CHECK(error_of("x {\n  a = <<EOT\nno end\n}\n").rfind("main.tf:2:7: the heredoc <<EOT is never closed", 0) == 0);
  CHECK(error_of("x {\n  a = 1 b = 2\n}\n").rfind("main.tf:2:9: expected a newline after the value of a", 0) == 0);
  CHECK(error_of("x {\n  a = \n}\n").rfind("main.tf:2:7: expected a value or an expression", 0) == 0);
  CHECK(error_of("}\n").rfind("main.tf:1:1: unexpected '}'", 0) == 0);
  CHECK(error_of("x \"a\" y z\n").rfind("main.tf:1:10: expected '=' (an attribute) or '{' (a block)", 0) == 0);
  CHECK(error_of("/* never closed\n").rfind("main.tf:1:1: this /* comment is never closed", 0) == 0);
  CHECK(error_of("x {\n  a = \"${var.a\"\n}\n").rfind("main.tf:2:15: expected '}' to close the ${ interpolation", 0) ==
        0);
}

TEST_CASE("hcl: deep nesting is refused, not a stack overflow") {
  std::string deep = "x {\n  a = " + std::string(5000, '[') + std::string(5000, ']') + "\n}\n";
  CHECK(error_of(deep).find("nesting is deeper than") != std::string::npos);
}

TEST_CASE("hcl: columns count characters, not bytes") {
  CHECK(error_of("x {\n  \xC3\xA9 = \"\\z\"\n}\n").rfind("main.tf:2:8:", 0) == 0);
}
