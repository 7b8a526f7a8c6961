#!/usr/bin/env bash
# Installs the system packages the kiosk needs when they are missing (Debian/Ubuntu). Sourced by
# Scripts/kiosk, Scripts/test and Scripts/benchmark.sh; install_missing takes the package names to check.
set -euo pipefail

install_missing() {
    local missing=()
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing ${missing[*]} …" >&2
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    else
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    fi
}

# Puts a link to GNU's static C++ library where Package.swift's release builds look for it
# (.build/static-libstdc++/libstdc++.a), so the programs load no libstdc++.so at start. Without it (no
# g++ or libstdc++ development files) the release build links the shared library, as any build does.
prepare_static_libstdcxx() {
    local archive
    archive=$(gcc -print-file-name=libstdc++.a 2>/dev/null || true)
    mkdir -p .build/static-libstdc++
    if [ -n "$archive" ] && [ "$archive" != "libstdc++.a" ] && [ -f "$archive" ]; then
        ln -sfn "$archive" .build/static-libstdc++/libstdc++.a
    else
        rm -f .build/static-libstdc++/libstdc++.a
    fi
}
