#!/usr/bin/env bash
# Runs the gateway: FilterApi on http://localhost:5080 with the development API key from
# FilterApi/appsettings.Development.json. Stop with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")"
bash eng/prerequisites.sh
exec dotnet run --project FilterApi --launch-profile http "$@"
