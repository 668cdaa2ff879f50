#!/usr/bin/env bash
# The test command: builds the whole solution with warnings as errors, runs every test project, then the
# Node-RED conformance kit against its list of expected failures. Ends with one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== build (warnings are errors)"
if ! dotnet build FlowGen.sln -c Release -warnaserror -nologo -v q; then
  echo "tests: 0 passed, 1 failed (the build failed)"
  exit 1
fi

echo "== unit, generator and end-to-end tests"
dotnet test FlowGen.sln -c Release --no-build -nologo 2>&1 | tee "$log"
test_status=${PIPESTATUS[0]}
count() { grep -Eo "$1: +[0-9]+" "$log" | grep -Eo '[0-9]+' | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(count Passed)
failed=$(count Failed)
if [ "$test_status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

echo "== editor palette in Node-RED 4.1 (eng/palette-test.sh, counted as one test)"
if eng/palette-test.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); test_status=1; fi

conformance_status=0
if [ -x eng/conformance-check.sh ]; then
  echo "== conformance (public set against eng/conformance-expected-failures.txt)"
  eng/conformance-check.sh || conformance_status=$?
fi

echo "tests: $passed passed, $failed failed"
if [ "$test_status" -ne 0 ] || [ "$conformance_status" -ne 0 ]; then exit 1; fi
