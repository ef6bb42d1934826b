#!/usr/bin/env bash
# HTTP load benchmark of the lexicon tier behind FilterApi, with wrk, on loopback only.
#
# In one run:
#   1. POST /api/v1/filter  ~100-character Korean chat text, mode NORMAL, header x-api-key (filter.lua),
#                           FilterApi alone: key from configuration, in-process rate limit
#   2. GET  /alive          the baseline, same process
#   3. POST /api/v1/filter  the same request to FilterApi in the AppHost graph: a key issued through the
#                           admin API (MariaDB, served from the in-process and Redis caches) and a rate
#                           limit checked in Redis on every request (one Lua script)
# and prints requests/s of each and the ratios: what the HTTP stack costs, and what shared keys and
# limits cost over the single-process defaults a user would otherwise run.
#
# Why /alive as the baseline: DESIGN.md compares the HTTP stack with "a plain minimal-API endpoint".
# /alive is the cheapest endpoint of the same server (ServiceDefaults' liveness check: routing and
# middleware, no authentication, no body binding, no detection), so the ratio shows what the filter
# endpoint adds on top of the stack it runs on, without adding a benchmark-only endpoint to FilterApi.
#
# Usage: Benchmarks/http/run-wrk.sh
# Settings (environment): PORT (5199), WRK_THREADS (2), WRK_CONNECTIONS (32), WRK_DURATION (10s),
#   WRK_WARMUP (8s: a fresh process needs it to reach steady JIT). Bounded: two warm-ups and two measurements of fixed length; traffic only to
#   127.0.0.1; the server is stopped on exit, also on Ctrl+C or error.
# Server logging is lowered to Warning so that console logging is not what gets measured.
# On a 2-core machine wrk and the server share the cores; compare ratios, not absolute numbers, across machines.
set -euo pipefail
cd "$(dirname "$0")/../.."

port=${PORT:-5199}
threads=${WRK_THREADS:-2}
connections=${WRK_CONNECTIONS:-32}
duration=${WRK_DURATION:-10s}
warmup=${WRK_WARMUP:-8s}
api_key=bench-key
base="http://127.0.0.1:$port"

# wrk and curl from apt when missing (idempotent), and the .NET 10 SDK check.
bash eng/prerequisites.sh wrk:wrk curl:curl

if curl -fsS -o /dev/null --max-time 2 "$base/alive" 2>/dev/null; then
  echo "Something already answers on $base; set PORT to a free port." >&2
  exit 1
fi

echo "==> build FilterApi (Release)"
dotnet build FilterApi -c Release -nologo -v q

work_dir=$(mktemp -d)
server_log="$work_dir/filterapi.log"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    # The server runs in its own session (setsid), so this signals dotnet run and the app it started, nothing else.
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work_dir"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

echo "==> start FilterApi on $base"
# Run from the project folder so the content root (appsettings.json) is FilterApi's; no launch profile, so
# the environment is Production, as deployed.
(
  cd FilterApi
  export Auth__ApiKeys__0=$api_key Auth__DefaultRequestsPerMinute=0
  export Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft=Warning
  exec setsid dotnet run -c Release --no-build --no-launch-profile --urls "$base"
) >"$server_log" 2>&1 &
server_pid=$!

for _ in $(seq 120); do
  if curl -fsS -o /dev/null --max-time 2 "$base/alive" 2>/dev/null; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "FilterApi exited before it answered; its log:" >&2
    tail -n 40 "$server_log" >&2
    exit 1
  fi
  sleep 1
done
curl -fsS -o /dev/null --max-time 2 "$base/alive" || { echo "FilterApi did not answer on $base/alive within 120 s" >&2; tail -n 40 "$server_log" >&2; exit 1; }

# One request by hand first: a wrong key or body would otherwise be benchmarked as fast 4010/4000 answers.
body=$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" Benchmarks/http/filter.lua)
check_filter() {
  local response
  response=$(curl -sS --max-time 5 "$base/api/v1/filter" -H "x-api-key: $api_key" -H 'Content-Type: application/json' -d "$body")
  if ! grep -Eq '"code" *: *2000' <<<"$response"; then
    echo "POST /api/v1/filter did not answer status.code 2000 $1:" >&2
    echo "$response" >&2
    exit 1
  fi
}
check_filter "before the run"

run_wrk() { # name, wrk arguments...
  local name=$1
  shift
  echo "==> $name: warm-up $warmup" >&2
  timeout 120 wrk -t"$threads" -c"$connections" -d"$warmup" --timeout 5s "$@" >/dev/null
  echo "==> $name: wrk -t$threads -c$connections -d$duration" >&2
  local output
  output=$(timeout 300 wrk -t"$threads" -c"$connections" -d"$duration" --timeout 5s --latency "$@")
  echo "$output" >&2
  awk '/^Requests\/sec:/ { print $2 }' <<<"$output"
}

export FILTER_API_KEY=$api_key
filter_rps=$(run_wrk "POST /api/v1/filter" -s Benchmarks/http/filter.lua "$base")
alive_rps=$(run_wrk "GET /alive" "$base/alive")
check_filter "after the run (rate limiting or errors under load?)"
stop_server
work_dir=$(mktemp -d)

echo "==> start the AppHost graph (Redis, MariaDB, FilterApi on $base)"
password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
(
  export Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft=Warning
  exec setsid dotnet run -c Release --project AppHost -- --AppHost:StateDirectory="$work_dir/state" \
    --Ports:filterapi="$port" --Parameters:admin-password="$password"
) >"$work_dir/apphost.log" 2>&1 &
server_pid=$!
for _ in $(seq 240); do
  if curl -fsS "$base/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then echo "the AppHost exited:" >&2; tail -n 40 "$work_dir/apphost.log" >&2; exit 1; fi
  sleep 1
done
token=$(curl -fsS "$base/token" -d username=admin -d "password=$password" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
issue_key() { # requests per minute
  curl -fsS "$base/api/v1/admin/keys" -H "Authorization: Bearer $token" -H 'content-type: application/json' \
    -d "{\"name\":\"benchmark\",\"ownerEmail\":\"bench@example.com\",\"rateLimitPerMinute\":$1}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])'
}
# Unlimited: the key caches alone. Then the largest limit there is, so the Redis limiter runs and refuses nothing.
api_key=$(issue_key 0)
check_filter "against the graph"
export FILTER_API_KEY=$api_key
# A freshly started graph measured well below its steady state for its first ~20 s here: let it settle first.
echo "==> settle the graph: 15 s of load" >&2
timeout 60 wrk -t"$threads" -c"$connections" -d15s -s Benchmarks/http/filter.lua "$base" >/dev/null
unlimited_rps=$(run_wrk "POST /api/v1/filter (database key, no limit)" -s Benchmarks/http/filter.lua "$base")
api_key=$(issue_key 1000000)
export FILTER_API_KEY=$api_key
gateway_rps=$(run_wrk "POST /api/v1/filter (database key, Redis limit)" -s Benchmarks/http/filter.lua "$base")
check_filter "after the graph run"

echo
echo "| endpoint | requests/s |"
echo "|---|---:|"
echo "| GET /alive (baseline, same server) | $alive_rps |"
echo "| POST /api/v1/filter, configuration key, in-process limit | $filter_rps |"
echo "| POST /api/v1/filter, database key, no limit (AppHost graph) | $unlimited_rps |"
echo "| POST /api/v1/filter, database key, Redis limit (AppHost graph) | $gateway_rps |"
awk -v f="$filter_rps" -v a="$alive_rps" 'BEGIN { if (a > 0) printf "filter / alive throughput ratio: %.2f (filter runs at %.0f%% of the baseline)\n", f / a, 100 * f / a }'
awk -v g="$gateway_rps" -v f="$filter_rps" 'BEGIN { if (f > 0) printf "database key + Redis limit / configuration key + in-process limit: %.2f\n", g / f }'
