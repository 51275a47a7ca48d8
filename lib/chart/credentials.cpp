#include "chart/credentials.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "fs/atomic_write.hpp"
#include "net/http.hpp"
#include "process/process.hpp"
#include "util/base64.hpp"
#include "util/json_text.hpp"

namespace stdfs = std::filesystem;

namespace kratix::chart {

namespace {

// A helper's answer is a small JSON object; more than this is not one.
constexpr std::size_t kMaxHelperReply = std::size_t{1} << 20;

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

std::vector<stdfs::path> config_files() {
  std::vector<stdfs::path> files;
  const std::string home = env("HOME");
  if (auto helm = env("HELM_REGISTRY_CONFIG"); !helm.empty()) {
    files.emplace_back(helm);
  } else {
    std::string config = env("XDG_CONFIG_HOME");
    if (config.empty() && !home.empty()) config = home + "/.config";
    if (!config.empty()) files.push_back(stdfs::path(config) / "helm/registry/config.json");
  }
  if (auto docker = env("DOCKER_CONFIG"); !docker.empty())
    files.push_back(stdfs::path(docker) / "config.json");
  else if (!home.empty())
    files.push_back(stdfs::path(home) / ".docker/config.json");
  return files;
}

// "https://host:5000/v1/" and "host:5000" name the same registry.
std::string registry_of(std::string key) {
  if (auto p = key.find("://"); p != std::string::npos) key.erase(0, p + 3);
  return key.substr(0, key.find('/'));
}

bool is_docker_hub(const std::string& host) {
  return host == "docker.io" || host == "registry-1.docker.io" || host == "index.docker.io" || host == "auth.docker.io";
}

std::vector<std::string> aliases(const std::string& registry) {
  if (is_docker_hub(registry)) return {"docker.io", "registry-1.docker.io", "index.docker.io", "auth.docker.io"};
  return {registry};
}

// The helper's name becomes part of a program name: a plain word only.
void check_helper_name(const std::string& helper, const std::string& file, std::string_view text,
                       const std::string& pointer) {
  const bool plain = !helper.empty() && helper.size() <= 64 && std::all_of(helper.begin(), helper.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  }) && helper.front() != '.';
  if (!plain)
    throw Error(util::locate_json(text, pointer, file),
                "the credential helper \"" + helper.substr(0, 64) +
                    "\" is not a helper name (letters, digits, . _ - as in \"desktop\" or \"pass\"); fix the entry");
}

// Runs `docker-credential-<helper> get` with the registry on stdin, through
// the one process runner (which reports a program that cannot be started, and
// keeps a helper that exits without reading from killing kratix with SIGPIPE).
std::optional<Credentials> from_helper(const std::string& helper, const std::string& registry,
                                       const stdfs::path& file) {
  const std::string program = "docker-credential-" + helper;
  if (!process::find_on_path(program))
    throw Error(file.string() + " says to ask " + program + " for the credentials of " + registry +
                ", and it is not on PATH; install it or remove the entry");
  // The registry goes to the helper's stdin. A helper with nothing for it may
  // exit without reading it: process::run ignores SIGPIPE while writing, so
  // that is "no credentials", not the end of kratix.
  process::Options o;
  o.argv = {program, "get"};
  o.input = registry + "\n";
  o.out = process::Output::Capture;
  o.err = process::Output::Discard;
  o.tail_limit = kMaxHelperReply;
  const process::Result r = process::run(o);
  if (!r.ok()) return std::nullopt;  // "credentials not found"
  auto j = r.out_truncated ? nlohmann::json() : nlohmann::json::parse(r.out, nullptr, false);
  auto secret = j.is_object() ? j.find("Secret") : j.end();
  auto user = j.is_object() ? j.find("Username") : j.end();
  if (!j.is_object() || secret == j.end() || !secret->is_string() || (user != j.end() && !user->is_string()))
    throw Error(program + " get gave an answer that is not {\"Username\": \"...\", \"Secret\": \"...\"} JSON");
  return Credentials{user == j.end() ? std::string() : user->get<std::string>(), secret->get<std::string>()};
}

std::optional<Credentials> from_file(const stdfs::path& file, const std::string& registry) {
  std::error_code ec;
  if (!stdfs::is_regular_file(file, ec)) return std::nullopt;
  ConfigAnswer a = credentials_in_config(fs::read_file(file), file.string(), registry);
  if (!a.helper.empty()) return from_helper(a.helper, registry, file);
  return a.credentials;
}

}  // namespace

ConfigAnswer credentials_in_config(std::string_view text, const std::string& file, const std::string& registry) {
  const std::string fix = "fix it, or point DOCKER_CONFIG / HELM_REGISTRY_CONFIG elsewhere";
  nlohmann::json j = util::parse_json_file(text, file, fix);
  if (!j.is_object()) throw Error(SourceLocation{file, 1, 1}, "is not a JSON object as Docker writes it; " + fix);
  const auto names = aliases(registry);
  auto ours = [&](const std::string& key) {
    return std::find(names.begin(), names.end(), registry_of(key)) != names.end();
  };
  ConfigAnswer out;
  if (auto helpers = j.find("credHelpers"); helpers != j.end() && helpers->is_object())
    for (const auto& [key, helper] : helpers->items())
      if (helper.is_string() && ours(key)) {
        out.helper = helper.get<std::string>();
        check_helper_name(out.helper, file, text, util::json_pointer_of(j, &helper));
        return out;
      }
  if (auto auths = j.find("auths"); auths != j.end() && auths->is_object()) {
    for (const auto& [key, entry] : auths->items()) {
      if (!ours(key) || !entry.is_object()) continue;
      auto auth = entry.find("auth");
      if (auth != entry.end() && auth->is_string() && !auth->get<std::string>().empty()) {
        auto decoded = base64_decode(auth->get<std::string>());
        auto colon = decoded ? decoded->find(':') : std::string::npos;
        if (colon == std::string::npos)
          throw Error(util::locate_json(text, util::json_pointer_of(j, &*auth), file),
                      "the \"auth\" of " + key + " is not base64 of user:password; log in again");
        out.credentials = Credentials{decoded->substr(0, colon), decoded->substr(colon + 1)};
        return out;
      }
      auto user = entry.find("username"), password = entry.find("password");
      if (user != entry.end() && password != entry.end()) {
        if (!user->is_string() || !password->is_string())
          throw Error(util::locate_json(text, util::json_pointer_of(j, &entry), file),
                      "the username and password of " + key + " must be strings; log in again");
        out.credentials = Credentials{user->get<std::string>(), password->get<std::string>()};
        return out;
      }
    }
  }
  if (auto store = j.find("credsStore"); store != j.end() && store->is_string() && !store->get<std::string>().empty()) {
    out.helper = store->get<std::string>();
    check_helper_name(out.helper, file, text, "/credsStore");
  }
  return out;
}

bool same_registry_family(const std::string& registry, std::string_view url) {
  std::string host = net::url_authority(url);
  if (host.size() > 4 && host.substr(host.size() - 4) == ":443") host.erase(host.size() - 4);
  return url.rfind("https://", 0) == 0 && is_docker_hub(registry) && is_docker_hub(host);
}

std::optional<std::string> base64_decode(std::string_view text) { return util::base64_decode(text); }

std::optional<Credentials> stored_credentials(const std::string& registry) {
  for (const auto& file : config_files())
    if (auto c = from_file(file, registry)) return c;
  return std::nullopt;
}

}  // namespace kratix::chart
