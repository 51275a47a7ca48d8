# The Debian package (CPack DEB). Build it with packaging/build-deb.
# Depends is computed by dpkg-shlibdeps from the binary (and, for the
# libraries kratix opens at run time, from kratix_dlopen_probe: see
# deb_dlopen_depends.cmake); the version is the project version.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "kratix")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "The kratix authors")
set(CPACK_PACKAGE_CONTACT "The kratix authors <kratix@users.noreply.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "build Kratix Promises: self-service platform APIs for Kubernetes")
# The extended description (CPack puts the summary above it).
string(CONCAT CPACK_DEBIAN_PACKAGE_DESCRIPTION
       "kratix creates Kratix Promises (an API as a CRD, dependencies, destination\n"
       "selectors and workflows), edits them without disturbing comments and\n"
       "layout, and builds their workflow images.")
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_INSTALL_DIRECTORY "/usr")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
if(KRATIX_DLOPEN)
  set(CPACK_KRATIX_DLOPEN_PROBE "${CMAKE_BINARY_DIR}/lib/kratix_dlopen_probe")
  set(CPACK_KRATIX_DLOPEN_PACKAGES "${KRATIX_DLOPEN_PACKAGES}")
  set(CPACK_PROJECT_CONFIG_FILE "${CMAKE_CURRENT_LIST_DIR}/deb_dlopen_depends.cmake")
endif()
include(CPack)
