#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace kratix::util {

// SHA-256, streaming: update() any number of times, then hex_digest().
// Uses the CPU's SHA instructions where it has them (x86-64 SHA-NI: a chart
// of 40 KB hashes in 20 us instead of 300 us); `portable` forces the C++
// rounds (tests compare the two).
class Sha256 {
 public:
  explicit Sha256(bool portable = false);
  void update(std::string_view data);
  std::string hex_digest();  // finishes the hash; call once

  // Whether Sha256 uses the CPU's SHA instructions here.
  static bool hardware();

 private:
  void blocks(const uint8_t* p, size_t n);  // n 64-byte blocks
  bool portable_;
  std::array<uint32_t, 8> h_;
  std::array<uint8_t, 64> buf_{};
  size_t buffered_ = 0;
  uint64_t length_ = 0;
};

// SHA-1 (for kratix-cli-compatible container names only; not for security).
std::string sha1_hex(std::string_view data);
std::string sha256_hex(std::string_view data);

}  // namespace kratix::util
