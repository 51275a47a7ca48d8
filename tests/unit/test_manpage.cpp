#include <doctest/doctest.h>

#include "docs/manpage.hpp"

using namespace kratix;

TEST_CASE("man pages: one page per command, with flags, arguments and examples") {
  completion::Command root;
  root.name = "kratix";
  root.description = "Build Kratix Promises";
  completion::Command init;
  init.name = "init";
  init.description = "Create things";
  completion::Command promise;
  promise.name = "promise";
  promise.description = "Create a new, empty Promise";
  promise.positionals.push_back({"name", "Name of the Promise", true});
  promise.flags.push_back({"group", "g", "API group", true, false, {}});
  promise.flags.push_back({"split", "", "Split it", false, false, {}});
  promise.footer = "Examples:\n  kratix init promise pg --group a.io --kind Db\n";
  init.subcommands.push_back(promise);
  root.subcommands.push_back(init);

  auto pages = docs::man_pages(root, "1.2.3");
  REQUIRE(pages.size() == 3);
  CHECK(pages[0].first == "kratix.1");
  CHECK(pages[1].first == "kratix-init.1");
  CHECK(pages[2].first == "kratix-init-promise.1");
  const std::string& p = pages[2].second;
  CHECK(p.starts_with(".TH \"KRATIX-INIT-PROMISE\" 1 \"\" \"kratix 1.2.3\""));
  CHECK(p.find("kratix\\-init\\-promise \\- Create a new, empty Promise") != std::string::npos);
  CHECK(p.find(".B \\-g, \\-\\-group \\fIVALUE\\fR\nAPI group") != std::string::npos);
  CHECK(p.find(".B \\-\\-split\nSplit it") != std::string::npos);
  CHECK(p.find("kratix init promise pg \\-\\-group a.io \\-\\-kind Db") != std::string::npos);
  CHECK(p.find("\\fBkratix\\-init\\fR(1)") != std::string::npos);
  CHECK(pages[1].second.find(".B promise\nCreate a new, empty Promise") != std::string::npos);
}

TEST_CASE("man pages: roff control characters at a line start are escaped") {
  completion::Command root;
  root.name = "kratix";
  root.description = "x";
  root.footer = ".dangerous line\n'quoted line\nback\\slash";
  auto pages = docs::man_pages(root, "1");
  CHECK(pages[0].second.find("\\&.dangerous line\n\\&'quoted line\nback\\eslash") != std::string::npos);
}
