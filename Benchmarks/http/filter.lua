-- wrk script for POST /api/v1/filter: a ~100-character Korean chat text with one profanity, mode NORMAL.
-- Used by run-wrk.sh; on its own: wrk -t2 -c32 -d10s -s Benchmarks/http/filter.lua http://127.0.0.1:5199
-- The API key is read from FILTER_API_KEY (default: bench-key, the key run-wrk.sh gives the server).
local key = os.getenv("FILTER_API_KEY") or "bench-key"

wrk.method = "POST"
wrk.path = "/api/v1/filter"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-api-key"] = key
-- The same body on every request, so the numbers measure the server and not the script.
wrk.body = '{"text":"오늘 점심 뭐 먹을지 아직도 못 정했어 퇴근하고 같이 영화 보러 갈래? 아 씨발 버스 놓쳐서 십 분 정도 늦을 것 같아 미안 먼저 들어가 있어","mode":"NORMAL"}'
