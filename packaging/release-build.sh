# Sourced by build-deb and build-static (and .ci/test, which builds the release
# tree once for the packaging tests): the one Release configuration they ship.
# Linux: libcurl and libarchive opened at run time (KRATIX_DLOPEN, the
# default), libstdc++, libgcc and yaml-cpp linked in (KRATIX_STATIC), so the
# binary needs only glibc. Both scripts share a build directory (default
# build-release); an up-to-date one is only checked, not rebuilt.
#   release_build SRC BUILD [more cmake -D options, e.g. -DKRATIX_WERROR=ON]
release_build() {
  local src=$1 build=$2
  shift 2
  cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
        -DKRATIX_DEB=ON -DKRATIX_STATIC=ON -DKRATIX_BUILD_TESTS=OFF "$@" >/dev/null &&
    cmake --build "$build" -j"$(nproc)" --target all kratix_dlopen_probe >/dev/null
}
