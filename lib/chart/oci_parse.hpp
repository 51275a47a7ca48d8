#pragma once
// What an OCI registry sends that kratix reads: WWW-Authenticate challenges,
// token answers, tags/list pages and their Link headers, image manifests.
// Pure functions of the text, so they can be fuzzed; everything they return
// is checked (a digest is sha256:<64 hex>, a token a non-empty string).
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kratix::chart {

// `Bearer realm="https://auth/token",service="registry",scope="repository:x:pull"`:
// the scheme in lower case and the parameters (names in lower case, quoted
// values unescaped).
struct Challenge {
  std::string scheme;
  std::map<std::string, std::string> params;
};
Challenge parse_challenge(std::string_view header);

// The token of a token service's JSON answer ("token", else "access_token");
// "" when there is none.
std::string token_of(std::string_view body);

// The tags of one tags/list page; kratix::Error "<where>: ..." when the body
// is not a JSON object.
std::vector<std::string> tags_of(std::string_view body, const std::string& where);

// The URL of the rel="next" link of a Link header, made absolute against
// `origin` ("https://host:port") when it is a path; "" when there is none.
std::string next_link(std::string_view link, const std::string& origin);

struct ChartLayer {
  std::string digest;  // "sha256:<64 lower-case hex>"
  std::uint64_t size = 0;
};
// The Helm chart layer of an image manifest; kratix::Error "<shown> ..." when
// the manifest is not JSON, has no layers, or no valid chart layer.
ChartLayer chart_layer_of(std::string_view manifest, const std::string& shown);

}  // namespace kratix::chart
