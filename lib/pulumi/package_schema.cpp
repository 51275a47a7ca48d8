#include "pulumi/package_schema.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>

#include "core/error.hpp"
#include "fs/atomic_write.hpp"
#include "yamledit/json_yaml.hpp"

namespace kratix::pulumi {

using nlohmann::json;

namespace {

constexpr std::uint64_t kMaxSchemaBytes = 64ull << 20;

SourceLocation at_offset(const std::string& text, std::size_t offset, const std::string& source) {
  offset = std::min(offset, text.size());
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {source, line, column};
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && (s[b] == ' ' || s[b] == '\n')) ++b;
  return s.substr(b);
}

}  // namespace

bool is_local_schema_source(const std::string& s) { return s.rfind("http://", 0) != 0 && s.rfind("https://", 0) != 0; }

PackageSchema parse_package_schema(const std::string& text, const std::string& source) {
  PackageSchema out;
  out.source = source;
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) throw Error(SourceLocation{source, 1, 1}, "the Pulumi schema is empty");
  if (text[first] == '{') {
    try {
      out.doc = json::parse(text);
    } catch (const json::parse_error& e) {
      std::string what = e.what();
      if (auto p = what.find("syntax error"); p != std::string::npos) what = what.substr(p);
      throw Error(at_offset(text, e.byte > 0 ? e.byte - 1 : 0, source), "not valid JSON: " + what);
    } catch (const json::exception&) {  // out_of_range: a number too large
      throw Error(SourceLocation{source, 1, 1}, "not valid JSON for kratix: it holds a number too large to read");
    }
  } else {
    try {
      out.doc = yamledit::yaml_to_json(YAML::Load(text));
    } catch (const YAML::Exception& e) {
      throw Error(SourceLocation{source, e.mark.line + 1, e.mark.column + 1}, "not valid YAML or JSON: " + e.msg);
    }
  }
  if (!out.doc.is_object())
    throw Error(SourceLocation{source, 1, 1}, "is not a Pulumi package schema (a mapping with \"resources\")");
  return out;
}

std::string token_from_environment() {
  if (const char* t = std::getenv("PULUMI_ACCESS_TOKEN"); t != nullptr && *t != '\0') return trim(t);
  if (const char* f = std::getenv("PULUMI_ACCESS_TOKEN_FILE"); f != nullptr && *f != '\0') {
    if (!std::filesystem::is_regular_file(f))
      throw Error(std::string("PULUMI_ACCESS_TOKEN_FILE names ") + f + ", which is not a file");
    return trim(fs::read_file(f));
  }
  return "";
}

PackageSchema load_package_schema(const SchemaFetch& f) {
  if (const auto scheme = f.source.find("://"); scheme != std::string::npos && is_local_schema_source(f.source))
    throw UsageError("--schema " + f.source + ": the " + f.source.substr(0, scheme) +
                     ":// scheme is not supported; pass a file, or an http:// or https:// URL");
  if (is_local_schema_source(f.source)) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(f.source, ec))
      throw Error("--schema " + f.source + ": no such file; pass a Pulumi schema file (JSON or YAML) or an https URL");
    return parse_package_schema(fs::read_file(f.source), f.source);
  }
  if (!f.token.empty() && f.source.rfind("http://", 0) == 0)
    throw Error("refusing to send the schema token to " + net::url_for_humans(f.source) +
                " over plain http://; use https://, or unset PULUMI_ACCESS_TOKEN");
  net::Request r;
  r.url = f.source;
  r.tls = f.tls;
  r.bearer = f.token;
  r.compressed = true;
  r.max_bytes = kMaxSchemaBytes;
  net::Response resp = net::get(r);
  const std::string where = net::url_for_humans(f.source);
  if (resp.status == 401 || resp.status == 403)
    throw Error(where + " refused the request (HTTP " + std::to_string(resp.status) + "); " +
                (f.token.empty() ? "set PULUMI_ACCESS_TOKEN (or PULUMI_ACCESS_TOKEN_FILE) to a token it accepts"
                                 : "the token in PULUMI_ACCESS_TOKEN is not accepted"));
  if (resp.status == 404) throw Error(where + " was not found (HTTP 404); check --schema");
  if (resp.status / 100 != 2) throw Error(where + " answered HTTP " + std::to_string(resp.status));
  return parse_package_schema(resp.body, where);
}

}  // namespace kratix::pulumi
