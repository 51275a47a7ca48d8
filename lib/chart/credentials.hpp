#pragma once
// Registry credentials as Helm and Docker store them: the Helm registry config
// ($HELM_REGISTRY_CONFIG, else $XDG_CONFIG_HOME/helm/registry/config.json),
// then the Docker config ($DOCKER_CONFIG/config.json, else ~/.docker/config.json).
// Each is Docker's format: "auths" (base64 "auth" or username/password),
// "credHelpers" per registry and a default "credsStore", which run
// docker-credential-<helper> get.
#include <optional>
#include <string>
#include <utility>

namespace kratix::chart {

using Credentials = std::pair<std::string, std::string>;  // username, password

// Credentials for `registry` ("host[:port]"), or nullopt when none is stored.
// kratix::Error when a config file is not valid JSON or a helper fails.
std::optional<Credentials> stored_credentials(const std::string& registry);

// Decodes standard base64; nullopt on bad input.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace kratix::chart
