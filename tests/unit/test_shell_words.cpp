#include <doctest/doctest.h>

#include "core/error.hpp"
#include "util/shell_words.hpp"

using kratix::util::shell_join;
using kratix::util::shell_quote;
using kratix::util::split_shell_words;
using Words = std::vector<std::string>;

TEST_CASE("shell words: blanks separate words") {
  CHECK(split_shell_words("--platform linux/amd64  --no-cache") == Words{"--platform", "linux/amd64", "--no-cache"});
  CHECK(split_shell_words("") == Words{});
  CHECK(split_shell_words("   ") == Words{});
}

TEST_CASE("shell words: quotes keep blanks and join adjacent parts") {
  CHECK(split_shell_words("--label 'a b' --x=\"c d\"") == Words{"--label", "a b", "--x=c d"});
  CHECK(split_shell_words("'' \"\"") == Words{"", ""});
  CHECK(split_shell_words("a'b'\"c\"") == Words{"abc"});
  CHECK(split_shell_words(R"("say \"hi\"" 'it\s')") == Words{"say \"hi\"", "it\\s"});
  CHECK(split_shell_words(R"(a\ b)") == Words{"a b"});
}

TEST_CASE("shell words: an unterminated quote is a usage error") {
  CHECK_THROWS_AS(split_shell_words("--label 'a b"), kratix::UsageError);
  CHECK_THROWS_WITH_AS(split_shell_words("\"x", "--build-args"), doctest::Contains("--build-args"), kratix::UsageError);
}

TEST_CASE("shell words: quoting round-trips") {
  Words words{"docker", "build", "--label", "a b", "it's", ""};
  CHECK(shell_join(words) == "docker build --label 'a b' 'it'\\''s' ''");
  CHECK(split_shell_words(shell_join(words)) == words);
  CHECK(shell_quote("plain-word_1.0") == "plain-word_1.0");
}
