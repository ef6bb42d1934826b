-- wrk script for POST /api/v1/analyze/chat: chat texts in the three languages, in turn.
-- Used by run.sh; on its own: wrk -t2 -c32 -d10s -s Benchmarks/models/analyze.lua http://127.0.0.1:5198
-- The API key is read from FILTER_API_KEY (default: bench-key, the key run.sh gives the server).
local key = os.getenv("FILTER_API_KEY") or "bench-key"
local texts = {
  "오늘 점심 뭐 먹을지 아직도 못 정했어 퇴근하고 같이 영화 보러 갈래? 아 씨발 버스 놓쳐서 늦을 것 같아",
  "honestly this thread is full of idiots who never read the article before commenting",
  "今天的比赛太精彩了，大家晚上一起去吃火锅吧",
  "그 사람 말하는 거 보면 진짜 한심하다 어디서 저런 생각을 배웠을까",
  "thanks everyone for the help yesterday, the release went out on time",
  "这些人就是一群废物，什么事都做不好",
}
local counter = 0

request = function()
  counter = counter + 1
  local text = texts[(counter % #texts) + 1]
  return wrk.format("POST", "/api/v1/analyze/chat",
    { ["Content-Type"] = "application/json", ["x-api-key"] = key },
    '{"text":"' .. text .. '"}')
end
