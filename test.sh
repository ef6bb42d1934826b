#!/usr/bin/env bash
# Builds everything (warnings are errors) and runs every test suite plus the quality gate.
# Prints one closing line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
# Redis and MariaDB run for real under the AppHost tests; Node.js and Debian's Python run the README's client
# snippets and the openai npm client; Debian's Python with its apt libraries runs the model servers (OpenBLAS: torch's own BLAS is ~30x slower).
bash eng/prerequisites.sh redis-server:redis-server mariadb-server:mariadbd mariadb-client:mariadb nodejs:node chromium:chromium \
  python3:/usr/bin/python3 npm:npm $(cat eng/python-packages.txt) || exit 1
# The official openai npm package, for the guard's client test (GuardNodeClientTests), from the committed lock file.
if [ ! -d Tests/Clients/openai-node/node_modules/openai ]; then
  (cd Tests/Clients/openai-node && npm ci --no-audit --no-fund --loglevel=error) || exit 1
fi

log_dir=$(mktemp -d)
passed=0
failed=0

echo "==> build"
if ! dotnet build aspire.sln -c Release -nologo -v q; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

echo "==> formatting (dotnet format --verify-no-changes)"
if dotnet format aspire.sln --verify-no-changes; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

echo "==> .NET tests"
dotnet test aspire.sln -c Release --no-build -nologo 2>&1 | tee "$log_dir/dotnet-test.log"
test_status=${PIPESTATUS[0]}
while read -r p f; do
  passed=$((passed + p))
  failed=$((failed + f))
done < <(grep -E '(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+' "$log_dir/dotnet-test.log" \
  | sed -E 's/.*Failed: +([0-9]+), +Passed: +([0-9]+).*/\2 \1/')
if [ "$test_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=$((failed + 1)) # a crashed test host reports no counts
fi

echo "==> Python tests (model servers, text preparation, reproducible training)"
(cd model-servers && /usr/bin/python3 -m unittest discover -s tests -t . 2>&1) | tee "$log_dir/python-test.log"
python_status=${PIPESTATUS[0]}
ran=$(sed -nE 's/^Ran ([0-9]+) tests? in .*/\1/p' "$log_dir/python-test.log" | tail -1)
bad=$(sed -nE 's/^FAILED \((.*)\)$/\1/p' "$log_dir/python-test.log" | grep -oE '(failures|errors)=[0-9]+' | cut -d= -f2 | awk '{ s += $1 } END { print s + 0 }')
ran=${ran:-0}
bad=${bad:-0}
if [ "$python_status" -ne 0 ] && [ "$bad" -eq 0 ]; then
  bad=1 # a crash before the summary
fi
passed=$((passed + ran - bad))
failed=$((failed + bad))

echo "==> quality gate (lexicon tier on the evasion and false-positive suite; every tier on dev.jsonl)"
if dotnet run -c Release --no-build --project Quality -- --check --models; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
