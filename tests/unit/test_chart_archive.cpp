#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

#include "archive/chart_archive.hpp"
#include "core/error.hpp"

using namespace kratix::archive;

namespace {

// A minimal ustar writer, enough to craft hostile archives byte by byte.
struct Entry {
  Entry(std::string n, char t, std::string d = {}, std::string l = {})
      : name(std::move(n)), type(t), data(std::move(d)), link(std::move(l)) {}
  std::string name;
  char type;  // '0' file, '1' hard link, '2' symlink, '3' char device, '5' dir, '6' FIFO
  std::string data;
  std::string link;
};

void octal(char* field, std::size_t width, std::uint64_t value) {
  std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1), static_cast<unsigned long long>(value));
}

std::string tar(const std::vector<Entry>& entries) {
  std::string out;
  for (const auto& e : entries) {
    char h[512] = {};
    std::copy_n(e.name.data(), std::min<std::size_t>(e.name.size(), 100), h);  // tar fields need no NUL
    octal(h + 100, 8, e.type == '5' ? 0755 : 0644);
    octal(h + 108, 8, 0);
    octal(h + 116, 8, 0);
    octal(h + 124, 12, e.type == '0' ? e.data.size() : 0);
    octal(h + 136, 12, 0);
    h[156] = e.type;
    std::copy_n(e.link.data(), std::min<std::size_t>(e.link.size(), 100), h + 157);
    std::memcpy(h + 257, "ustar", 6);
    std::copy_n("00", 2, h + 263);
    std::memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (unsigned char c : h) sum += c;
    std::snprintf(h + 148, 8, "%06o", sum);
    out.append(h, 512);
    if (e.type == '0') {
      out += e.data;
      out.append((512 - e.data.size() % 512) % 512, '\0');
    }
  }
  out.append(1024, '\0');
  return out;
}

const std::set<std::string> kWanted{"Chart.yaml", "values.yaml", "values.schema.json"};

std::vector<Entry> chart() {
  return {{"web/", '5'},
          {"web/Chart.yaml", '0', "apiVersion: v2\nname: web\nversion: 1.0.0\n"},
          {"web/values.yaml", '0', "a: 1\n"},
          {"web/templates/cm.yaml", '0', "kind: ConfigMap\n"}};
}

std::string refusal(const std::string& bytes, const Limits& limits = {}) {
  try {
    read_chart_archive(bytes, "crafted.tgz", kWanted, limits);
  } catch (const kratix::Error& e) {
    CHECK(e.exit_code() == kratix::ExitCode::Failure);
    CHECK(std::string(e.what()).find("crafted.tgz") != std::string::npos);
    CHECK(std::string(e.what()).find('\n') == std::string::npos);
    return e.what();
  }
  FAIL("the archive was accepted");
  return "";
}

std::vector<Entry> with(Entry extra) {
  auto entries = chart();
  entries.push_back(std::move(extra));
  return entries;
}

}  // namespace

TEST_CASE("chart archive: an honest chart gives the wanted files and nothing else") {
  auto entries = chart();
  entries.push_back({"web/./values.schema.json", '0', "{}"});
  entries.push_back({"web/templates/link.yaml", '2', "", "cm.yaml"});
  entries.push_back({"web/templates/same.yaml", '1', "", "web/templates/cm.yaml"});
  entries.push_back({"web/sub/up", '2', "", "../values.yaml"});
  const auto a = read_chart_archive(tar(entries), "web.tgz", kWanted);
  CHECK(a.root == "web");
  CHECK(a.files.size() == 3);
  CHECK(a.files.at("Chart.yaml").find("name: web") != std::string::npos);
  CHECK(a.files.at("values.yaml") == "a: 1\n");
  CHECK(a.files.at("values.schema.json") == "{}");
  CHECK(a.entries == entries.size());
  CHECK(a.bytes > 0);
}

TEST_CASE("chart archive: entries that escape the chart are refused") {
  CHECK(refusal(tar(with({"/etc/evil", '0', "x"}))).find("absolute") != std::string::npos);
  CHECK(refusal(tar(with({"web/../../evil", '0', "x"}))).find("\"..\"") != std::string::npos);
  CHECK(refusal(tar(with({"web/l", '2', "", "../../etc/passwd"}))).find("symbolic link") != std::string::npos);
  CHECK(refusal(tar(with({"web/l", '2', "", "/etc/passwd"}))).find("symbolic link") != std::string::npos);
  CHECK(refusal(tar(with({"web/l", '2', "", ".."}))).find("outside the chart") != std::string::npos);
  CHECK(refusal(tar(with({"web/h", '1', "", "etc/passwd"}))).find("hard link") != std::string::npos);
  CHECK(refusal(tar(with({"web/h", '1', "", "web/../../x"}))).find("hard link") != std::string::npos);
}

TEST_CASE("chart archive: special files are refused") {
  CHECK(refusal(tar(with({"web/dev", '3'}))).find("device") != std::string::npos);
  CHECK(refusal(tar(with({"web/fifo", '6'}))).find("FIFO") != std::string::npos);
}

TEST_CASE("chart archive: the shape of a chart") {
  CHECK(refusal(tar(with({"other/x", '0', "x"}))).find("top-level") != std::string::npos);
  CHECK(refusal(tar({{"Chart.yaml", '0', "name: x\n"}})).find("top level") != std::string::npos);
  CHECK(refusal(tar({{"web/values.yaml", '0', "a: 1\n"}})).find("not a Helm chart archive") != std::string::npos);
  CHECK(refusal(tar({{"web/sub/Chart.yaml", '0', "a: 1\n"}})).find("web/Chart.yaml") != std::string::npos);
  CHECK(refusal(tar({})).find("not a chart archive") != std::string::npos);
  CHECK(refusal(std::string(2000, 'z')).find("not a chart archive") != std::string::npos);
  CHECK(refusal("").find("empty") != std::string::npos);
}

TEST_CASE("chart archive: truncation is reported as such") {
  auto entries = chart();
  entries.push_back({"web/big", '0', std::string(100000, 'b')});
  const auto bytes = tar(entries);
  CHECK(refusal(bytes.substr(0, 20000)).find("truncated") != std::string::npos);
}

TEST_CASE("chart archive: limits on entries and decompressed bytes") {
  Limits small;
  small.max_files = 5;
  small.max_file_bytes = 1 << 20;
  small.max_total_bytes = 3 << 20;
  auto many = chart();
  for (int i = 0; i < 5; ++i) many.push_back({"web/f" + std::to_string(i), '0', ""});
  CHECK(refusal(tar(many), small).find("more than 5 entries") != std::string::npos);
  CHECK(refusal(tar(with({"web/big", '0', std::string((1 << 20) + 1, 'x')})), small).find("1 MiB") !=
        std::string::npos);
  auto total = chart();
  for (int i = 0; i < 4; ++i) total.push_back({"web/f" + std::to_string(i), '0', std::string(1 << 20, 'x')});
  small.max_files = 100;
  CHECK(refusal(tar(total), small).find("more than 3 MiB") != std::string::npos);
  // Exactly at the limit is fine.
  small.max_file_bytes = 1 << 20;
  CHECK_NOTHROW(read_chart_archive(tar(with({"web/big", '0', std::string(1 << 20, 'x')})), "x", kWanted, small));
}

TEST_CASE("chart archive: other compressions than gzip are refused by name, before libarchive sees them") {
  using namespace std::string_literals;
  const std::pair<std::string, const char*> streams[] = {
      {"LRZI\x00\x06"s + std::string(100, '\x01'), "lrzip"},
      {"BZh91AY&SY"s + std::string(100, 'x'), "bzip2"},
      {"\xFD\x37zXZ\x00\x00"s + std::string(100, 'x'), "xz"},
      {"\x28\xB5\x2F\xFD"s + std::string(100, 'x'), "zstd"},
      {"\x89LZO\x00\r\n\x1A\n"s + std::string(100, 'x'), "lzop"},
      {"GRZipII\x00\x02\x04"s + std::string(100, 'x'), "grzip"},
      {"PK\x03\x04"s + std::string(100, 'x'), "zip"},
  };
  for (const auto& stream : streams) {
    const std::string name = stream.second;
    INFO(name);
    const std::string e = refusal(stream.first);
    CHECK(e.find("crafted.tgz is " + name + " data, not a gzip-compressed tar") == 0);
    CHECK(e.find("helm package") != std::string::npos);
  }
}

TEST_CASE("chart archive: a plain tar whose first name looks like another format's magic is a tar") {
  auto entries = chart();
  for (auto& e : entries) e.name = "BZh" + e.name;
  const auto a = read_chart_archive(tar(entries), "x.tar", kWanted);
  CHECK(a.root == "BZhweb");
  CHECK(a.files.count("Chart.yaml") == 1);
}
