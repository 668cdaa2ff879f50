#!/usr/bin/env bash
# The FlowGen benchmark, in one command (not part of the test command):
#   bench/run.sh [--quick] [--rounds N] [--duration S] [--warmup S] [--starts N] [--only cookies,query] [--server-cpu 1]
# 1. installs what is missing: wrk (apt), clang (apt, for Native AOT), Node-RED 4.1 (npm, into bench/.cache/node-red);
# 2. publishes the apps into bench/.cache/publish: FlowGen (JIT and Native AOT), the same endpoints hand-written as
#    minimal APIs (JIT and AOT), bare Kestrel (the limit, and the upstream of the http request scenario), an AOT hello world;
# 3. measures allocations per request of the request delegates (BenchmarkDotNet, bench/FlowGen.Bench.Delegates);
# 4. times the analyzer and the generator over 1,000 flow files (bench/FlowGen.AnalyzerTiming);
# 5. runs every app side by side under wrk (bench/FlowGen.Bench.Runner): checks each answers every scenario with the
#    same bytes (and stops if not), warms up, measures interleaved rounds, and writes docs/benchmarks.md
#    (--quick: short runs and fewer rounds, written to bench/.cache/results/benchmarks-quick.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

quick=0
for arg in "$@"; do
  if [ "$arg" = "--quick" ]; then quick=1; fi
done
cache=bench/.cache
results=$cache/results
mkdir -p "$results"
started=$(date +%s)
step() { echo; echo "== $* ($(( $(date +%s) - started )) s)"; }

step "tools"
apt_install() {
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y "$@"; else sudo apt-get install -y "$@"; fi
}
command -v wrk >/dev/null || apt_install wrk
command -v clang >/dev/null || command -v clang-14 >/dev/null || apt_install clang
command -v node >/dev/null || { echo "Node.js 20 or later is needed to run Node-RED 4.1" >&2; exit 1; }
if [ ! -f "$cache/node-red/node_modules/node-red/package.json" ]; then
  npm install --prefix "$cache/node-red" --no-audit --no-fund node-red@4.1
fi
echo "wrk: $(command -v wrk), node $(node --version), Node-RED $(node -p "require('./$cache/node-red/node_modules/node-red/package.json').version")"

step "publishing the apps"
publish() {
  local name=$1 project=$2
  shift 2
  echo "-- $name"
  dotnet publish "bench/$project" -c Release -o "$cache/publish/$name" -nologo -v q "$@"
}
aot=(-r linux-x64 -p:NativeAot=true)
publish flowgen-jit FlowGen.Bench.FlowApp
publish flowgen-aot FlowGen.Bench.FlowApp "${aot[@]}"
publish handwritten-jit FlowGen.Bench.HandWritten
publish handwritten-aot FlowGen.Bench.HandWritten "${aot[@]}"
publish bare-jit FlowGen.Bench.Bare
publish bare-aot FlowGen.Bench.Bare "${aot[@]}"
publish hello-aot FlowGen.Bench.Hello "${aot[@]}"
dotnet build bench/FlowGen.Bench.Runner -c Release -nologo -v q

step "allocations per request (BenchmarkDotNet)"
delegates=(--results "$results")
if [ $quick -eq 1 ]; then delegates+=(--quick); fi
dotnet run -c Release --project bench/FlowGen.Bench.Delegates -- "${delegates[@]}"

step "build cost (analyzer and generator over 1,000 flow files)"
timing=()
if [ $quick -eq 1 ]; then timing=(--iterations 2 --warmup 1); fi
dotnet run -c Release --project bench/FlowGen.AnalyzerTiming -- "${timing[@]}" | tee "$results/build-cost.txt"

step "load"
dotnet bench/FlowGen.Bench.Runner/bin/Release/net10.0/FlowGen.Bench.Runner.dll \
  --repo . --clk-tck "$(getconf CLK_TCK)" --command "bench/run.sh${*:+ $*}" "$@"
step "done"
