#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace kratix::util {

// Decodes base64 (the standard or the URL-safe alphabet, padding and line
// breaks allowed); nullopt on any other character.
std::optional<std::string> base64_decode(std::string_view text);

// Standard base64 with padding.
std::string base64_encode(std::string_view bytes);

}  // namespace kratix::util
