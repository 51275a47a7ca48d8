#pragma once
// Registry credentials as Helm and Docker store them: the Helm registry config
// ($HELM_REGISTRY_CONFIG, else $XDG_CONFIG_HOME/helm/registry/config.json),
// then the Docker config ($DOCKER_CONFIG/config.json, else ~/.docker/config.json).
// Each is Docker's format: "auths" (base64 "auth" or username/password),
// "credHelpers" per registry and a default "credsStore", which run
// docker-credential-<helper> get.
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace kratix::chart {

using Credentials = std::pair<std::string, std::string>;  // username, password

// Credentials for `registry` ("host[:port]"), or nullopt when none is stored.
// kratix::Error when a config file is not valid JSON or a helper fails.
std::optional<Credentials> stored_credentials(const std::string& registry);

// What one config file says about `registry`: credentials written in it, or
// the helper to ask (docker-credential-<helper>), or nothing. Pure: it reads
// only `text` (the contents of `file`, named in errors). kratix::Error
// "FILE:LINE:COL: ..." when the file is not JSON or an entry is malformed,
// or when a helper's name is not a plain name (it becomes a program name).
struct ConfigAnswer {
  std::optional<Credentials> credentials;
  std::string helper;
};
ConfigAnswer credentials_in_config(std::string_view text, const std::string& file, const std::string& registry);

// Whether `url` belongs to `registry` although it is on another host: only
// Docker Hub's hosts (docker.io, index.docker.io, registry-1.docker.io and its
// token service auth.docker.io), over https, are one registry.
bool same_registry_family(const std::string& registry, std::string_view url);

// Decodes standard base64; nullopt on bad input.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace kratix::chart
