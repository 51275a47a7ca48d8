#include <doctest/doctest.h>

#include "util/suggest.hpp"

using kratix::util::closest;
using kratix::util::edit_distance;

TEST_CASE("suggest: edit distance") {
  CHECK(edit_distance("init", "init") == 0);
  CHECK(edit_distance("int", "init") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("suggest: the closest command within two edits, or a long enough prefix") {
  std::vector<std::string> cmds{"init", "update", "plugin", "completion", "version"};
  CHECK(closest("int", cmds) == "init");
  CHECK(closest("updte", cmds) == "update");
  CHECK(closest("compl", cmds) == "completion");
  CHECK_FALSE(closest("deploy", cmds));
  CHECK_FALSE(closest("x", cmds));
}
