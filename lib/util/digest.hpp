#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace kratix::util {

// SHA-256, streaming: update() any number of times, then hex_digest().
class Sha256 {
 public:
  Sha256();
  void update(std::string_view data);
  std::string hex_digest();  // finishes the hash; call once

 private:
  void block(const uint8_t* p);
  std::array<uint32_t, 8> h_;
  std::array<uint8_t, 64> buf_{};
  size_t buffered_ = 0;
  uint64_t length_ = 0;
};

// SHA-1 (for kratix-cli-compatible container names only; not for security).
std::string sha1_hex(std::string_view data);
std::string sha256_hex(std::string_view data);

}  // namespace kratix::util
