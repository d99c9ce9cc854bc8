# cmake -DCOMPILER=<c++> -DFLAGS=<file> -DLIBRARY=<name> -DSEES=<header> -DBLIND_TO=<header> -DWORK=<dir>
#       -P layerprobe.cmake
# Compiles "#include <SEES>" and "#include <BLIND_TO>" with the flags in FLAGS
# (one per line, those of LIBRARY's own sources). SEES must compile; BLIND_TO
# must fail because that very header is not found, not for any other reason.
foreach(var COMPILER FLAGS LIBRARY SEES BLIND_TO WORK)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "layerprobe.cmake needs -D${var}=...")
    endif()
endforeach()
file(STRINGS ${FLAGS} flags)
list(REMOVE_ITEM flags "-I" "-D")
file(MAKE_DIRECTORY ${WORK})

function(probe header result_var output_var)
    string(MAKE_C_IDENTIFIER ${header} stem)
    set(source ${WORK}/${stem}.cpp)
    file(WRITE ${source} "// A source of ${LIBRARY}, as far as the compiler can tell.\n#include \"${header}\"\n")
    execute_process(COMMAND ${COMPILER} ${flags} -fsyntax-only ${source} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                    ERROR_VARIABLE out)
    set(${result_var} ${rc} PARENT_SCOPE)
    set(${output_var} "${out}" PARENT_SCOPE)
endfunction()

probe(${SEES} rc out)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${LIBRARY} cannot include ${SEES}, a header it must see; the probe is broken:\n${out}")
endif()
message(STATUS "${LIBRARY} includes ${SEES}: compiles")

probe(${BLIND_TO} rc out)
if(rc EQUAL 0)
    message(FATAL_ERROR "${LIBRARY} can include ${BLIND_TO}: a header of a higher or sibling layer compiles")
endif()
string(REPLACE "." "\\." pattern "${BLIND_TO}")
# GCC: "x/y.h: No such file or directory"; Clang: "'x/y.h' file not found".
set(missing "(${pattern}: No such file or directory|'${pattern}' file not found)")
if(NOT out MATCHES "${missing}")
    message(FATAL_ERROR "${LIBRARY} including ${BLIND_TO} failed, but not because the header is missing:\n${out}")
endif()
string(REGEX MATCH "[^\n]*${missing}" line "${out}")
message(STATUS "${LIBRARY} includes ${BLIND_TO}: refused (${line})")
