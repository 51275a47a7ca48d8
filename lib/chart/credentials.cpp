#include "chart/credentials.hpp"

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "fs/atomic_write.hpp"
#include "process/process.hpp"
#include "util/base64.hpp"

namespace stdfs = std::filesystem;

namespace kratix::chart {

namespace {

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

std::vector<std::string> aliases(const std::string& registry) {
  if (registry == "docker.io" || registry == "registry-1.docker.io" || registry == "index.docker.io")
    return {"docker.io", "registry-1.docker.io", "index.docker.io"};
  return {registry};
}

// Runs `docker-credential-<helper> get` with the registry on stdin.
std::optional<Credentials> from_helper(const std::string& helper, const std::string& registry,
                                       const stdfs::path& file) {
  const std::string program = "docker-credential-" + helper;
  if (!process::find_on_path(program))
    throw Error(file.string() + " says to ask " + program + " for the credentials of " + registry +
                ", and it is not on PATH; install it or remove the entry");
  // The registry goes to the helper's stdin. A helper with nothing for it may
  // exit without reading it: process::run ignores SIGPIPE while writing, so
  // that is "no credentials", not the end of kratix.
  process::Options run;
  run.argv = {program, "get"};
  run.input = registry + "\n";
  run.out = process::Output::Capture;
  run.err = process::Output::Discard;
  run.tail_limit = size_t{1} << 20;
  const process::Result r = process::run(run);
  if (!r.ok()) return std::nullopt;  // "credentials not found"
  const std::string& reply = r.out;
  auto j = nlohmann::json::parse(reply, nullptr, false);
  if (!j.is_object() || !j.contains("Secret"))
    throw Error(program + " get gave an answer that is not {\"Username\", \"Secret\"} JSON");
  return Credentials{j.value("Username", std::string()), j.value("Secret", std::string())};
}

std::optional<Credentials> from_file(const stdfs::path& file, const std::string& registry) {
  std::error_code ec;
  if (!stdfs::is_regular_file(file, ec)) return std::nullopt;
  auto j = nlohmann::json::parse(fs::read_file(file), nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw Error(file.string() + " is not valid JSON; fix it, or point DOCKER_CONFIG / HELM_REGISTRY_CONFIG elsewhere");
  const auto names = aliases(registry);
  if (auto helpers = j.find("credHelpers"); helpers != j.end() && helpers->is_object())
    for (const auto& [key, helper] : helpers->items())
      if (helper.is_string() && std::find(names.begin(), names.end(), registry_of(key)) != names.end())
        return from_helper(helper.get<std::string>(), registry, file);
  if (auto auths = j.find("auths"); auths != j.end() && auths->is_object()) {
    for (const auto& [key, entry] : auths->items()) {
      if (std::find(names.begin(), names.end(), registry_of(key)) == names.end() || !entry.is_object()) continue;
      if (entry.contains("auth") && entry["auth"].is_string()) {
        auto decoded = base64_decode(entry["auth"].get<std::string>());
        auto colon = decoded ? decoded->find(':') : std::string::npos;
        if (colon == std::string::npos)
          throw Error(file.string() + ": the \"auth\" of " + key + " is not base64 of user:password; log in again");
        return Credentials{decoded->substr(0, colon), decoded->substr(colon + 1)};
      }
      if (entry.contains("username") && entry.contains("password"))
        return Credentials{entry.value("username", std::string()), entry.value("password", std::string())};
    }
  }
  if (auto store = j.find("credsStore"); store != j.end() && store->is_string() && !store->get<std::string>().empty())
    return from_helper(store->get<std::string>(), registry, file);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> base64_decode(std::string_view text) { return util::base64_decode(text); }

std::optional<Credentials> stored_credentials(const std::string& registry) {
  for (const auto& file : config_files())
    if (auto c = from_file(file, registry)) return c;
  return std::nullopt;
}

}  // namespace kratix::chart
