#!/usr/bin/env bash
# Runs the whole local stack through the .NET Aspire AppHost: Redis, MariaDB, the model servers, FilterApi
# (http://localhost:5080) and LogConsumer, with the Aspire dashboard on http://localhost:18888 (the login link
# is printed once below). State lives in .state/, generated secrets in the AppHost's user secrets
# (eng/secret.sh NAME prints one). Stop with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")"
bash eng/prerequisites.sh redis-server:redis-server mariadb-server:mariadbd mariadb-client:mariadb \
  python3:/usr/bin/python3 $(cat eng/python-packages.txt)
exec dotnet run --project AppHost "$@"
