#include <doctest/doctest.h>

#include "util/digest.hpp"

using namespace kratix::util;

TEST_CASE("digest: SHA-256 of the standard test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("digest: SHA-256 is the same however the input is split") {
  std::string million(1000000, 'a');
  Sha256 h;
  for (size_t i = 0; i < million.size(); i += 997) h.update(std::string_view(million).substr(i, 997));
  CHECK(h.hex_digest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  CHECK(sha256_hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("digest: SHA-1 of the standard test vectors") {
  CHECK(sha1_hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(sha1_hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(sha1_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
}

TEST_CASE("digest: SHA-256 with the CPU's SHA instructions equals the portable rounds") {
  if (!Sha256::hardware()) MESSAGE("this CPU has no SHA instructions: both ways are the portable rounds here");
  std::string data;
  for (int i = 0; i < 5000; ++i) data += static_cast<char>((i * 7919 + i / 13) & 0xff);
  for (size_t n : {0ul, 1ul, 55ul, 56ul, 63ul, 64ul, 65ul, 127ul, 128ul, 129ul, 1000ul, 4999ul, 5000ul}) {
    CAPTURE(n);
    Sha256 portable(true), best;
    portable.update(std::string_view(data).substr(0, n));
    best.update(std::string_view(data).substr(0, n));
    const std::string expected = portable.hex_digest();
    CHECK(best.hex_digest() == expected);
    CHECK(sha256_hex(std::string_view(data).substr(0, n)) == expected);
  }
  Sha256 abc(true);
  abc.update("abc");
  CHECK(abc.hex_digest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
