#!/usr/bin/env bash
# Prints a secret the AppHost generated on its first run and keeps in its .NET user secrets:
#   eng/secret.sh admin-password | redis-password | mysql-password   (Aspire parameters)
#   eng/secret.sh dashboard-api-key                                  (the dashboard's telemetry API key)
set -euo pipefail
name=${1:?usage: eng/secret.sh admin-password|redis-password|mysql-password|dashboard-api-key}
key="Parameters:$name"
[ "$name" = dashboard-api-key ] && key="AppHost:DashboardApiKey"
file="${HOME}/.microsoft/usersecrets/moderation-gateway-apphost/secrets.json"
[ -f "$file" ] || { echo "no secrets yet: run ./run.sh once" >&2; exit 1; }
python3 -c 'import json, sys; print(json.load(open(sys.argv[1], encoding="utf-8-sig"))[sys.argv[2]])' "$file" "$key"
