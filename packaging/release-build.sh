# Sourced by build-deb and build-static: the one Release configuration both
# ship. Linux: libcurl and libarchive opened at run time (KRATIX_DLOPEN, the
# default), libstdc++, libgcc and yaml-cpp linked in (KRATIX_STATIC), so the
# binary needs only glibc. Both scripts can share a build directory.
release_build() {
  local src=$1 build=$2
  cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
        -DKRATIX_DEB=ON -DKRATIX_STATIC=ON -DKRATIX_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build" -j"$(nproc)" --target all kratix_dlopen_probe >/dev/null
}
