#!/usr/bin/env bash
# The bench goals as ratios to the C++ reference measured in the same run: builds benchmarks/cpp/gru_reference.cpp
# with g++ -O3, then runs it and `bench --json` of each gru-pedal given, alternately, ROUNDS times, and prints the best
# figure of each subject (ns per sample) with its ratio to C++ and the goal.
#
#   benchmarks/bench-vs-cpp.sh [--rounds N] [--samples N] [GRU_PEDAL ...]
#
#   GRU_PEDAL   gru-pedal executables to compare (default: the Release JIT build, src/Firmware/bin/Release/net10.0/gru-pedal);
#               e.g. artifacts/deploy/publish/linux-x64-aot/gru-pedal, the NativeAOT build deploy/build-deb.sh --arch amd64 packages
#   --rounds    rounds (default 3); each round runs every program once (bench: best of 3 runs per subject)
#   --samples   samples per run and subject (default 10000000)
#
# Goals (issue 12): unit exact <= 1.0x C++, unit fast <= 0.5x, default chain (2x) <= 2.0x. Run it on a quiet machine
# (on the shared build machine: under flock /tmp/gru-cpu.lock).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
rounds=3
samples=10000000
programs=()
while (($#)); do
  case "$1" in
    --rounds) rounds=${2:?}; shift 2 ;;
    --samples) samples=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) programs+=("$1"); shift ;;
  esac
done
((${#programs[@]})) || programs=("$repo/src/Firmware/bin/Release/net10.0/gru-pedal")
for p in "${programs[@]}"; do [[ -x $p ]] || { echo "bench-vs-cpp.sh: $p is not an executable (build or publish it first)" >&2; exit 2; }; done

cpp="${TMPDIR:-/tmp}/gru_reference.$$"
trap 'rm -f "$cpp"' EXIT
g++ -O3 -std=c++17 -o "$cpp" "$here/cpp/gru_reference.cpp"

min() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b + 0 < a + 0) print b; else print a }'; }
field() { sed -n "s/.*\"$1\": *\([0-9.]*\).*/\1/p" <<<"$2" | head -n 1; }
best_cpp=
declare -A best build
for ((r = 1; r <= rounds; r++)); do
  out=$("$cpp" "$samples" 3)
  best_cpp=$(min "$best_cpp" "$(sed -n 's/.*gru_cpp_ns_per_sample=\([0-9.]*\).*/\1/p' <<<"$out")")
  for i in "${!programs[@]}"; do
    json=$("${programs[$i]}" bench --json --samples "$samples" --runs 3 2>/dev/null)
    build[$i]="$(tr -d '\n ' <<<"$json" | sed -n 's/.*"compilation":"\([^"]*\)","architecture":"\([^"]*\)","instruction_sets":\[\([^]]*\)\].*/\1, \2, \3/p' | tr -d '"' | tr ',' ' ' | sed 's/  */ /g')"
    chain2=$(tr -d '\n ' <<<"$json" | sed -n 's/.*"chain_ns_per_sample":{"1":[0-9.]*,"2":\([0-9.]*\),"4":\([0-9.]*\),"8":\([0-9.]*\)}.*/\1 \2 \3/p')
    read -r c2 c4 c8 <<<"$chain2"
    best[$i,exact]=$(min "${best[$i,exact]:-}" "$(field gru_exact_ns_per_sample "$json")")
    best[$i,fast]=$(min "${best[$i,fast]:-}" "$(field gru_fast_ns_per_sample "$json")")
    best[$i,chain2]=$(min "${best[$i,chain2]:-}" "$c2")
    best[$i,chain8]=$(min "${best[$i,chain8]:-}" "$c8")
  done
  echo "bench-vs-cpp.sh: round $r of $rounds done" >&2
done

ratio() { awk -v a="$1" -v b="$best_cpp" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v a="$1" -v b="$best_cpp" -v g="$2" 'BEGIN { print (a / b <= g ? "met" : "NOT met") }'; }
echo "best of $rounds rounds, $samples samples per run; C++ reference (g++ -O3, float, std::exp/std::tanh): $best_cpp ns/sample"
for i in "${!programs[@]}"; do
  echo
  echo "${programs[$i]}"
  echo "  build: ${build[$i]}"
  printf '  %-22s %8s ns  %5sx C++  goal <= %s: %s\n' \
    "unit, exact" "${best[$i,exact]}" "$(ratio "${best[$i,exact]}")" 1.0 "$(verdict "${best[$i,exact]}" 1.0)" \
    "unit, fast" "${best[$i,fast]}" "$(ratio "${best[$i,fast]}")" 0.5 "$(verdict "${best[$i,fast]}" 0.5)" \
    "chain 2x (default)" "${best[$i,chain2]}" "$(ratio "${best[$i,chain2]}")" 2.0 "$(verdict "${best[$i,chain2]}" 2.0)"
  printf '  %-22s %8s ns  %5sx C++\n' "chain 8x" "${best[$i,chain8]}" "$(ratio "${best[$i,chain8]}")"
done
