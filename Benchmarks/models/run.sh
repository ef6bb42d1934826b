#!/usr/bin/env bash
# Benchmarks of the ML tier, in one run, on loopback only:
#   1. each model server alone: texts/s at batch 1 (one text per request, as a hand-glued client calls a
#      model) and at batch 32 (as FilterApi's micro-batcher calls it under load), and the ratio;
#   2. POST /api/v1/analyze/chat through the whole path (FilterApi: lexicon tier + both servers + combiner)
#      with wrk, micro-batching on (Analysis:MaxBatchSize 32, the default) and off (MaxBatchSize 1: one
#      /predict call per request, the per-request baseline), and the ratio.
#
# Usage: Benchmarks/models/run.sh
# Settings (environment): PORT (5198), WRK_THREADS (2), WRK_CONNECTIONS (32), WRK_DURATION (10s),
#   WRK_WARMUP (5s), SECONDS_PER_CASE (10, for the servers). Everything started here is stopped on exit.
# On a 2-core machine the client, FilterApi and both servers share the cores: compare ratios, not absolute
# numbers, across machines.
set -euo pipefail
cd "$(dirname "$0")/../.."

port=${PORT:-5198}
threads=${WRK_THREADS:-2}
connections=${WRK_CONNECTIONS:-32}
duration=${WRK_DURATION:-10s}
warmup=${WRK_WARMUP:-5s}
base="http://127.0.0.1:$port"
export FILTER_API_KEY=bench-key

bash eng/prerequisites.sh wrk:wrk curl:curl
echo "==> build FilterApi (Release)"
dotnet build FilterApi -c Release -nologo -v q

work_dir=$(mktemp -d)
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  rm -rf "$work_dir"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { # url, log
  for _ in $(seq 120); do
    curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "$1 did not answer; log:" >&2
  tail -n 30 "$2" >&2
  exit 1
}

fasttext_port=$(free_port)
kobert_port=$(free_port)
setsid /usr/bin/python3 model-servers/serve.py fasttext --port "$fasttext_port" >"$work_dir/fasttext.log" 2>&1 &
pids+=($!)
setsid /usr/bin/python3 model-servers/serve.py kobert --port "$kobert_port" >"$work_dir/kobert.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$fasttext_port/health" "$work_dir/fasttext.log"
wait_for "http://127.0.0.1:$kobert_port/health" "$work_dir/kobert.log"

echo "==> model servers: batch 1 against batch 32"
/usr/bin/python3 Benchmarks/models/bench_servers.py --fasttext "http://127.0.0.1:$fasttext_port" \
  --kobert "http://127.0.0.1:$kobert_port" --seconds "${SECONDS_PER_CASE:-10}" | tee "$work_dir/servers.md"

analyze_rps() { # max batch size
  (
    cd FilterApi
    export Auth__ApiKeys__0=$FILTER_API_KEY Auth__DefaultRequestsPerMinute=0 Analysis__MaxBatchSize=$1
    export services__fasttext__http__0="http://127.0.0.1:$fasttext_port" services__kobert__http__0="http://127.0.0.1:$kobert_port"
    export Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft=Warning
    exec setsid dotnet run -c Release --no-build --no-launch-profile --urls "$base"
  ) >"$work_dir/filterapi.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  wait_for "$base/alive" "$work_dir/filterapi.log"
  local answer
  answer=$(curl -sS "$base/api/v1/analyze/chat" -H "x-api-key: $FILTER_API_KEY" -H 'Content-Type: application/json' -d '{"text":"you idiot"}')
  grep -q '"degraded":false' <<<"$answer" || { echo "analyze answered degraded before the run: $answer" >&2; exit 1; }
  echo "==> analyze, MaxBatchSize $1: warm-up $warmup, then wrk -t$threads -c$connections -d$duration" >&2
  timeout 120 wrk -t"$threads" -c"$connections" -d"$warmup" --timeout 5s -s Benchmarks/models/analyze.lua "$base" >/dev/null
  local output
  output=$(timeout 300 wrk -t"$threads" -c"$connections" -d"$duration" --timeout 5s --latency -s Benchmarks/models/analyze.lua "$base")
  echo "$output" >&2
  answer=$(curl -sS "$base/api/v1/analyze/chat" -H "x-api-key: $FILTER_API_KEY" -H 'Content-Type: application/json' -d '{"text":"you idiot"}')
  grep -q '"degraded":false' <<<"$answer" || echo "warning: analyze answered degraded after the run (timeouts under load?): $answer" >&2
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  awk '/^Requests\/sec:/ { print $2 }' <<<"$output"
}

batched=$(analyze_rps 32)
single=$(analyze_rps 1)
echo
echo "| POST /api/v1/analyze/chat (whole path) | requests/s |"
echo "|---|---:|"
echo "| one /predict call per request (MaxBatchSize 1, baseline) | $single |"
echo "| micro-batched (MaxBatchSize 32, default) | $batched |"
awk -v b="$batched" -v s="$single" 'BEGIN { if (s > 0) printf "micro-batched / per-request throughput ratio: %.2f\n", b / s }'
