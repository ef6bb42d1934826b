#!/usr/bin/env bash
# Runs the whole local stack through the AppHost: Redis, MariaDB, the model servers and FilterApi (http://localhost:5080,
# development key dev-key-change-me). State and logs live in .state/. Stop with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")"
bash eng/prerequisites.sh redis-server:redis-server mariadb-server:mariadbd mariadb-client:mariadb \
  python3:/usr/bin/python3 $(cat eng/python-packages.txt)
exec dotnet run --project AppHost "$@"
