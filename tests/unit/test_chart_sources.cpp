// The pieces of chart fetching that need no network: reading a repository
// index as it streams in, picking versions, OCI references, URLs, base64.
#include <doctest/doctest.h>

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>

#include "chart/credentials.hpp"
#include "chart/oci.hpp"
#include "chart/repo_index.hpp"
#include "core/error.hpp"
#include "net/http.hpp"
#include "scoped_env.hpp"
#include "skip.hpp"
#include "temp_dir.hpp"

using namespace kratix;
using namespace kratix::chart;

namespace {

const char* kIndex = R"(apiVersion: v1
entries:
  alpha:
  - name: alpha
    version: 0.1.0
    urls:
    - alpha-0.1.0.tgz
  web:
  - apiVersion: v2
    description: |
      A chart.

      web: not a key at the chart level
    digest: 0123abcd
    name: web
    urls:
    - https://charts.example.com/web-1.2.0.tgz
    version: 1.2.0
  # a comment inside the list
  - name: web
    urls:
    - web-1.10.0.tgz
    version: 1.10.0
  - name: web
    deprecated: true
    urls: [web-2.0.0-rc.1.tgz]
    version: 2.0.0-rc.1
  "web-extra":
    - name: web-extra
      version: 9.9.9
      urls: [x.tgz]
generated: "2026-11-25T00:00:00Z"
)";

// Feeds `text` in chunks of `size` bytes, as a download would.
IndexScanner scan(const std::string& chart, const std::string& text, std::size_t size) {
  IndexScanner s(chart, "https://charts.example.com/index.yaml");
  for (std::size_t i = 0; i < text.size(); i += size) s.write(std::string_view(text).substr(i, size));
  s.finish();
  return s;
}

std::vector<std::string> versions_of(const IndexScanner& s) {
  std::vector<std::string> out;
  for (const auto& e : s.entries()) out.push_back(e.version);
  return out;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("repository index: only the requested chart is kept, however the bytes arrive") {
  for (std::size_t size : {1ul, 2ul, 7ul, 64ul, 100000ul}) {
    CAPTURE(size);
    const auto s = scan("web", kIndex, size);
    REQUIRE(s.found());
    CHECK(versions_of(s) == std::vector<std::string>{"1.2.0", "1.10.0", "2.0.0-rc.1"});
    CHECK(s.entries()[0].digest == "0123abcd");
    CHECK(s.entries()[0].urls == std::vector<std::string>{"https://charts.example.com/web-1.2.0.tgz"});
    CHECK(s.entries()[2].deprecated);
    CHECK(s.chart_names() == std::vector<std::string>{"alpha", "web", "web-extra"});
  }
  // A quoted key, a list indented under its key, CRLF line ends, no final newline.
  std::string crlf;
  for (char c : std::string(kIndex)) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  crlf.resize(crlf.size() - 2);
  const auto extra = scan("web-extra", crlf, 5);
  CHECK(versions_of(extra) == std::vector<std::string>{"9.9.9"});
  CHECK_FALSE(scan("nothing", kIndex, 3).found());
}

TEST_CASE("repository index: a JSON index is read too") {
  const std::string json = R"({"apiVersion":"v1","entries":{"web":[{"name":"web","version":"1.0.0","urls":["w.tgz"]}],
"db":[{"name":"db","version":"2.0.0"}]}})";
  const auto s = scan("web", json, 10);
  CHECK(versions_of(s) == std::vector<std::string>{"1.0.0"});
  CHECK(s.chart_names() == std::vector<std::string>{"web", "db"});
}

TEST_CASE("repository index: what is not an index says so, naming the source") {
  for (const char* text : {"<html><body>Not here</body></html>\n", "apiVersion: v1\n", "{\"a\": 1}"}) {
    const std::string e = error_of([&] { scan("web", text, 4); });
    CHECK(e.find("https://charts.example.com/index.yaml is not a chart repository index") != std::string::npos);
  }
  CHECK(error_of([] { scan("web", "entries: {web: []}\n", 4); }).find("flow style") != std::string::npos);
  CHECK(error_of([] { scan("web", "entries:\n  web: 3\n", 4); }).find("not a list of chart versions") !=
        std::string::npos);
}

TEST_CASE("repository index: restart forgets a partial download") {
  IndexScanner s("web", "index.yaml");
  s.write(std::string_view(kIndex).substr(0, 200));
  s.restart();
  s.write(kIndex);
  s.finish();
  CHECK(versions_of(s).size() == 3);
}

TEST_CASE("repository index: picking a version") {
  const auto s = scan("web", kIndex, 4096);
  CHECK(select_version(s.entries(), "web", "", "idx").version == "1.10.0");
  CHECK(select_version(s.entries(), "web", "~1.2", "idx").version == "1.2.0");
  CHECK(select_version(s.entries(), "web", "2.0.0-rc.1", "idx").version == "2.0.0-rc.1");
  CHECK(select_version(s.entries(), "web", ">=2.0.0-0", "idx").version == "2.0.0-rc.1");
  const std::string e = error_of([&] { select_version(s.entries(), "web", "1.3.0", "idx"); });
  CHECK(e.find("no version matching \"1.3.0\"") != std::string::npos);
  CHECK(e.find("nearest") != std::string::npos);
  CHECK(e.find("1.2.0") != std::string::npos);
  CHECK(nearest_versions({"1.0.0", "1.2.0", "1.2.5", "3.0.0", "junk"}, "1.2.9", 2) ==
        std::vector<std::string>{"1.2.5", "1.2.0"});
}

TEST_CASE("OCI references") {
  auto r = parse_oci_reference("oci://registry.example.com:5000/charts/team/web:1.2.3");
  CHECK(r.registry == "registry.example.com:5000");
  CHECK(r.repository == "charts/team/web");
  CHECK(r.tag == "1.2.3");
  CHECK(r.digest.empty());
  CHECK(r.name() == "web");
  const std::string digest = "sha256:" + std::string(64, 'a');
  r = parse_oci_reference("oci://ghcr.io/org/web@" + digest);
  CHECK(r.repository == "org/web");
  CHECK(r.tag.empty());
  CHECK(r.digest == digest);
  r = parse_oci_reference("oci://ghcr.io/org/web:1.0.0@" + digest);
  CHECK((r.tag == "1.0.0" && r.digest == digest));
  for (const char* bad : {"oci://", "oci://host", "oci://host/", "oci://host/web@sha256:abc", "oci://host/Web"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_oci_reference(bad), UsageError);
  }
}

TEST_CASE("URLs: authority, shown without secrets, resolved against a repository") {
  CHECK(net::url_authority("https://ann:pw@a.example.com:8443/x?y") == "a.example.com:8443");
  CHECK(net::url_for_humans("https://ann:pw@a.example.com/charts/x.tgz?token=s3cret#f") ==
        "https://a.example.com/charts/x.tgz");
  CHECK(net::resolve_url("https://r.example.com/charts", "web-1.0.0.tgz") ==
        "https://r.example.com/charts/web-1.0.0.tgz");
  CHECK(net::resolve_url("https://r.example.com/charts/", "./web.tgz") == "https://r.example.com/charts/web.tgz");
  CHECK(net::resolve_url("https://r.example.com/charts", "/dl/web.tgz") == "https://r.example.com/dl/web.tgz");
  CHECK(net::resolve_url("https://r.example.com/charts", "https://cdn.example.com/web.tgz") ==
        "https://cdn.example.com/web.tgz");
}

TEST_CASE("base64 as Docker's config writes it") {
  CHECK(base64_decode("Ym9iOnB3") == std::optional<std::string>("bob:pw"));
  CHECK(base64_decode("YQ==") == std::optional<std::string>("a"));
  CHECK(base64_decode("YWI=") == std::optional<std::string>("ab"));
  CHECK(base64_decode("") == std::optional<std::string>(""));
  CHECK_FALSE(base64_decode("not base64!"));
}

using kratix::test::ScopedEnv;

TEST_CASE("credentials: a helper that exits without reading the registry name means none, and kratix lives") {
  // The name is longer than a pipe holds, so the write is still going when the
  // helper exits: that used to end kratix with SIGPIPE (it raced before).
  test::TempDir dir;
  test::write_text(dir / "docker/config.json", R"({"credsStore": "kratixtest"})");
  test::write_text(dir / "bin/docker-credential-kratixtest", "#!/bin/sh\necho 'credentials not found' >&2\nexit 1\n");
  std::filesystem::permissions(dir / "bin/docker-credential-kratixtest", std::filesystem::perms::owner_all);
  ScopedEnv docker("DOCKER_CONFIG", (dir / "docker").string());
  ScopedEnv helm("HELM_REGISTRY_CONFIG", (dir / "none.json").string());
  ScopedEnv path("PATH", (dir / "bin").string() + ":/usr/bin:/bin");
  const std::string registry = std::string(1 << 20, 'r') + ".example.com";
  CHECK_FALSE(stored_credentials(registry).has_value());
}

TEST_CASE("repository index: unusual entries are read right, by the line reader or by yaml-cpp") {
  const std::string text =
      "entries:\n"
      "  web:\n"
      "  -   name: web\n"
      "      version: \"1.0.0\"\n"
      "      digest: 'ab''cd'  # quoted\n"
      "      urls: [\"https://x.example.com/web-1.0.0.tgz\"]\n"
      "  -\n"
      "    version: 1.1.0\n"
      "    urls:\n"
      "      - &u https://x.example.com/web-1.1.0.tgz\n"
      "    deprecated: true\n"
      "  - version: \"1.2.0\\u0021\"\n"
      "    urls:\n"
      "    - web-1.2.0.tgz # a comment\n";
  const auto s = scan("web", text, 3);
  REQUIRE(s.entries().size() == 3);
  CHECK(s.entries()[0].version == "1.0.0");
  CHECK(s.entries()[0].digest == "ab'cd");
  CHECK(s.entries()[0].urls == std::vector<std::string>{"https://x.example.com/web-1.0.0.tgz"});
  CHECK(s.entries()[1].version == "1.1.0");
  CHECK(s.entries()[1].urls == std::vector<std::string>{"https://x.example.com/web-1.1.0.tgz"});
  CHECK(s.entries()[1].deprecated);
  CHECK(s.entries()[1].name == "web");
  CHECK(s.entries()[2].version == "1.2.0!");
  CHECK(s.entries()[2].urls == std::vector<std::string>{"web-1.2.0.tgz"});
}

TEST_CASE("repository index: keys that only look like the fields kratix reads are other keys") {
  const std::string text =
      "entries:\n"
      "  web:\n"
      "  - versions: [9.9.9]\n"
      "    Version: 8.8.8\n"
      "    version-x: 7.7.7\n"
      "    version: 1.0.0\n"
      "    name_: other\n"
      "    url: u.tgz\n"
      "    urls: [w.tgz]\n"
      "    digest2: x\n"
      "    deprecated-: true\n"
      "    \"digest\": d1\n";
  const auto s = scan("web", text, 6);
  const YAML::Node n = YAML::Load(text)["entries"]["web"][0];
  REQUIRE(s.entries().size() == 1);
  CHECK(s.entries()[0].version == n["version"].as<std::string>());
  CHECK(s.entries()[0].name == "web");
  CHECK(s.entries()[0].urls == n["urls"].as<std::vector<std::string>>());
  CHECK(s.entries()[0].digest == "d1");
  CHECK_FALSE(s.entries()[0].deprecated);
}

TEST_CASE("repository index: where the line reader stops, yaml-cpp reads the rest and keeps the entries before") {
  // Each index leaves helm's shape at a different line: the key's own line, the
  // second line, an item that is no mapping in the middle or at the end, a line
  // left of the list, the chart's key again. The entries are those yaml-cpp reads
  // from the whole text (the mappings of the first list under the chart's key).
  const std::vector<std::string> texts = {
      "entries:\n  web: [{version: 1.0.0, urls: [a.tgz]}, {version: 2.0.0, urls: [b.tgz]}]\n  db: []\n",
      std::string("entries:\n  web: # versions\n\n  - version: 1.0.0\n    urls: [a.tgz]\n") +
          "  - just-a-string\n  - version: 3.0.0\n    # a comment\n    urls:\n    - c.tgz\n  db:\n  - version: 9.0.0\n",
      "entries:\n  web:\n  - version: 1.0.0\n    urls: [a.tgz]\n  - version: 2.0.0\n    urls: [b.tgz]\n  - [x]\n",
      std::string("entries:\n  web:\n  - version: 1.0.0\n    urls: [a.tgz]\n  - &v\n    version: 2.0.0\n") +
          "    urls: [b.tgz]\n  - version: 2.1.0\n    description: |\n      # not a comment\n\n      text\n" +
          "    urls: [c.tgz]\n",
      std::string("entries:\n  web:\n  - version: 1.0.0\n    urls: [a.tgz]\n  db:\n  - version: 1.0.0\n") +
          "  web:\n  - version: 5.0.0\n",
      "entries:\n  web:\n  -\n  - version: 2.0.0\n    urls: [b.tgz]\n",
  };
  for (const auto& text : texts) {
    CAPTURE(text);
    std::vector<std::string> expected;
    for (const auto& n : YAML::Load(text)["entries"]["web"])
      if (n.IsMap()) expected.push_back(n["version"].as<std::string>());
    for (std::size_t size : {1ul, 5ul, 4096ul}) {
      CAPTURE(size);
      CHECK(versions_of(scan("web", text, size)) == expected);
    }
  }
  // Left of the list but right of the key: not YAML; yaml-cpp says so.
  const std::string bad = "entries:\n    web:\n      - version: 1.0.0\n        urls: [a]\n     - version: 2.0.0\n";
  CHECK(error_of([&] { scan("web", bad, 3); }).find("the entries of chart web are not valid YAML") !=
        std::string::npos);
}

TEST_CASE("repository index: the real Datadog index reads as yaml-cpp reads it, chart by chart") {
  const std::string path = std::string(KRATIX_SHARED) + "/corpus/helm-repos/datadog-index.yaml";
  if (test::skip_without(path)) return;
  std::ifstream in(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const YAML::Node index = YAML::Load(text);
  std::size_t charts = 0, versions = 0;
  for (const auto& kv : index["entries"]) {
    const std::string chart = kv.first.as<std::string>();
    const auto s = scan(chart, text, 65536);
    REQUIRE(s.entries().size() == kv.second.size());
    for (std::size_t i = 0; i < s.entries().size(); ++i) {
      const auto& e = s.entries()[i];
      const YAML::Node n = kv.second[i];
      CHECK(e.name == n["name"].as<std::string>());
      CHECK(e.version == n["version"].as<std::string>());
      CHECK(e.digest == (n["digest"] ? n["digest"].as<std::string>() : std::string()));
      CHECK(e.deprecated == (n["deprecated"] && n["deprecated"].as<bool>()));
      CHECK(e.urls == n["urls"].as<std::vector<std::string>>());
      ++versions;
    }
    ++charts;
  }
  CHECK(charts >= 9);
  CHECK(versions > 1000);
}

TEST_CASE("repository index: keys, quotes, escapes and comments are read by the yamledit scanner's rules") {
  const std::string text =
      "apiVersion: v1\n"
      "entries:\n"
      "  \"web\":  # the chart's key quoted, with a comment\n"
      "  - name: 'web'\n"
      "    version: \"1.0.0\\x2Dbeta\"   # a \\x escape\n"
      "    digest: abc#not-a-comment\n"
      "    \"urls\":\n"
      "    - 'https://x.example.com/it''s.tgz'\n"
      "  other:\n"
      "  - {name: other, version: 1.0.0, urls: [o.tgz]}\n";
  const auto s = scan("web", text, 7);
  REQUIRE(s.found());
  REQUIRE(s.entries().size() == 1);
  const YAML::Node n = YAML::Load(text)["entries"]["web"][0];
  CHECK(s.entries()[0].name == n["name"].as<std::string>());
  CHECK(s.entries()[0].version == n["version"].as<std::string>());
  CHECK(s.entries()[0].version == "1.0.0-beta");
  CHECK(s.entries()[0].digest == "abc#not-a-comment");
  CHECK(s.entries()[0].urls == n["urls"].as<std::vector<std::string>>());
  CHECK(s.chart_names() == std::vector<std::string>{"web", "other"});
}
