#include <doctest/doctest.h>

#include "core/error.hpp"
#include "scaffold/embedded.hpp"
#include "scaffold/render.hpp"

using kratix::scaffold::render;
using kratix::scaffold::Values;

TEST_CASE("render: substitutes values") {
  CHECK(render("t", "name: {{ name }}\n", Values{{"name", "pg"}}) == "name: pg\n");
  CHECK(render("t", "{{a}}/{{ b }}", Values{{"a", "x"}, {"b", "y"}}) == "x/y");
}

TEST_CASE("render: an unknown value is an error naming the template") {
  try {
    render("promise.yaml", "{{ nope }}", Values{});
    FAIL("expected an error");
  } catch (const kratix::Error& e) {
    CHECK(std::string(e.what()).find("promise.yaml") != std::string::npos);
    CHECK(std::string(e.what()).find("nope") != std::string::npos);
  }
}

TEST_CASE("render: indent filter indents every non-empty line") {
  Values v{{"body", "a: 1\n\nb:\n  c: 2\n"}};
  CHECK(render("t", "x:\n{{ body | indent 2 }}", v) == "x:\n  a: 1\n\n  b:\n    c: 2\n");
}

TEST_CASE("render: a value alone on its line ends the line with its own newline") {
  CHECK(render("t", "x:\n{{ body | indent 2 }}\ny: 1\n", Values{{"body", "a: 1\n"}}) == "x:\n  a: 1\ny: 1\n");
  CHECK(render("t", "x:\n  {{ body }}\ny: 1\n", Values{{"body", ""}}) == "x:\ny: 1\n");
}

TEST_CASE("render: if and unless blocks, with their tag lines removed") {
  const char* t = "a\n{{#if x}}\nx is {{ x }}\n{{/if}}\n{{#unless x}}\nno x\n{{/unless}}\nb\n";
  CHECK(render("t", t, Values{{"x", "1"}}) == "a\nx is 1\nb\n");
  CHECK(render("t", t, Values{{"x", ""}}) == "a\nno x\nb\n");
  CHECK(render("t", "[{{#if x}}X{{/if}}]", Values{{"x", "1"}}) == "[X]");
}

TEST_CASE("render: unbalanced blocks are errors") {
  CHECK_THROWS_AS(render("t", "{{#if x}}a", Values{{"x", "1"}}), kratix::Error);
  CHECK_THROWS_AS(render("t", "a{{/if}}", Values{}), kratix::Error);
  CHECK_THROWS_AS(render("t", "a {{ x ", Values{{"x", "1"}}), kratix::Error);
}

TEST_CASE("render: every embedded scaffold is present and non-empty") {
  const auto& files = kratix::scaffold::all_files();
  REQUIRE_FALSE(files.empty());
  for (const auto& f : files) {
    CAPTURE(f.path);
    CHECK_FALSE(f.content.empty());
  }
  CHECK(kratix::scaffold::file("promise/promise.yaml").starts_with("apiVersion: platform.kratix.io/v1alpha1"));
  CHECK_THROWS_AS(kratix::scaffold::file("promise/nope.yaml"), kratix::Error);
}
