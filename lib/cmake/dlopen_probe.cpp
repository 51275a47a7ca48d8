// Linked against libcurl and libarchive and never run: packaging/deb.cmake
// passes it to dpkg-shlibdeps so the package depends on the libraries kratix
// opens at run time.
#include <archive.h>
#include <curl/curl.h>

int main() { return curl_version() != nullptr && archive_version_number() > 0 ? 0 : 1; }
