# Debian's forms of the docs: gzipped man pages and a gzipped changelog.
# Run as: cmake -DMAN=dir -DOUT=dir -DVERSION=x.y.z -P deb_docs.cmake
file(REMOVE_RECURSE ${OUT}/man1)
file(MAKE_DIRECTORY ${OUT}/man1)
file(GLOB pages ${MAN}/*.1)
foreach(page IN LISTS pages)
  get_filename_component(name ${page} NAME)
  file(COPY ${page} DESTINATION ${OUT}/man1)
  execute_process(COMMAND gzip -9nf ${OUT}/man1/${name} COMMAND_ERROR_IS_FATAL ANY)
endforeach()
# SOURCE_DATE_EPOCH, when set, makes the date reproducible.
string(TIMESTAMP date "%a, %d %b %Y %H:%M:%S +0000" UTC)
file(WRITE ${OUT}/changelog
     "kratix (${VERSION}) unstable; urgency=medium\n\n  * Release ${VERSION}.\n\n"
     " -- The kratix authors <kratix@users.noreply.invalid>  ${date}\n")
execute_process(COMMAND gzip -9nf ${OUT}/changelog COMMAND_ERROR_IS_FATAL ANY)
file(TOUCH ${OUT}/man1.stamp)
