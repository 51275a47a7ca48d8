#include <doctest/doctest.h>

#include "yamledit/tokens.hpp"

using namespace kratix::yamledit;

TEST_CASE("yamledit tokens: a scalar alone on a line, decoded as the scanner decodes it") {
  CHECK(line_scalar("plain text  # a comment") == "plain text");
  CHECK(line_scalar("a#b") == "a#b");
  CHECK(line_scalar("'it''s' # c") == "it's");
  CHECK(line_scalar("\"tab\\there \\u00e9\"") == "tab\there \xc3\xa9");
  CHECK(line_scalar("") == "");
  CHECK(line_scalar("# only a comment") == "");
  CHECK_FALSE(line_scalar("'not closed"));
  CHECK_FALSE(line_scalar("'closed' and more"));
  for (const char* s : {"&anchor x", "*alias", "!!str x", "|", ">-", "{a: 1}", "[a]", "@x", "`x", "%x"})
    CHECK_FALSE(line_scalar(s));
}

TEST_CASE("yamledit tokens: keys as the scanner finds them") {
  auto k = key_token("name: web", 0, 9);
  REQUIRE(k);
  CHECK(k->text == "name");
  CHECK(k->colon_end == 5);
  k = key_token("'a key': v", 0, 10);
  REQUIRE(k);
  CHECK(k->text == "a key");
  k = key_token("&a key: v", 0, 9);
  REQUIRE(k);
  CHECK(k->complex);
  k = key_token("url: http://x:80", 0, 16);
  REQUIRE(k);
  CHECK(k->text == "url");
  CHECK_FALSE(key_token("http://x", 0, 8));
  CHECK_FALSE(key_token("a #b: c", 0, 7));
  CHECK_FALSE(key_token("- item", 0, 6));
  std::size_t unclosed = std::string::npos;
  CHECK_FALSE(key_token("'open: v", 0, 8, &unclosed));
  CHECK(unclosed == 0);
}
