# KRATIX_FUZZ=ON: the whole build with AddressSanitizer and UndefinedBehavior-
# Sanitizer, and libFuzzer's coverage instrumentation, for the targets in
# fuzz/ and the unit tests. Clang only, in a build tree of its own:
#   cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 -DKRATIX_FUZZ=ON
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "KRATIX_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++-14 "
                      "(Debian packages clang-14 and libclang-rt-14-dev)")
endif()
if(KRATIX_STATIC)
  message(FATAL_ERROR "KRATIX_FUZZ builds against the shared libstdc++ and yaml-cpp: drop -DKRATIX_STATIC=ON")
endif()
# -O1 and line tables: fast enough to fuzz, quick to build, readable stacks.
set(KRATIX_SANITIZE -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
add_compile_options(${KRATIX_SANITIZE} -fsanitize=fuzzer-no-link -O1 -gline-tables-only)
add_link_options(${KRATIX_SANITIZE})
