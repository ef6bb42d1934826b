#!/usr/bin/env bash
# Installs what the build and the tests need, idempotently. Run by ../run.sh and ../test.sh with
# package:command pairs; only packages whose command is missing are installed. A command written @module
# means "Debian's /usr/bin/python3 can import module" (the model servers' libraries come from apt), and
# one written /path means that file exists; those packages are installed without recommends.
set -euo pipefail

need_apt=()
need_python=()
for pair in "$@"; do
  pkg=${pair%%:*}
  cmd=${pair#*:}
  if [[ $cmd == @* ]]; then
    [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import ${cmd#@}" >/dev/null 2>&1 || need_python+=("$pkg")
    continue
  fi
  if [[ $cmd == /* ]]; then # a file, e.g. a shared library
    [ -e "$cmd" ] || need_python+=("$pkg")
    continue
  fi
  # Servers such as mariadbd live in /usr/sbin, which is not on every user's PATH.
  command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || need_apt+=("$pkg")
done

if ((${#need_apt[@]})); then
  echo "==> installing ${need_apt[*]} (apt)"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ((${#need_python[@]})); then
  echo "==> installing ${need_python[*]} (apt, for /usr/bin/python3)"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  ((${#need_apt[@]})) || $sudo_cmd apt-get update -qq
  # Without recommends: python3-torch would bring a desktop's worth of plotting libraries.
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_python[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required: install the 'dotnet-sdk-10.0' package (https://learn.microsoft.com/dotnet/core/install/linux-debian) and run again." >&2
  exit 1
fi

if ! dotnet --list-sdks | grep -q '^10\.'; then
  echo "The .NET 10 SDK is required (found: $(dotnet --list-sdks | tr '\n' ' ')). Install 'dotnet-sdk-10.0' and run again." >&2
  exit 1
fi
