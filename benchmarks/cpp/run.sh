#!/usr/bin/env bash
# Builds the C++ reference of the unit with g++ -O3 (float, std::exp/std::tanh) and prints its ns/sample.
# Usage: benchmarks/cpp/run.sh [samples-per-run] [runs]    (defaults: 10000000 5)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${TMPDIR:-/tmp}/gru_reference"
g++ -O3 -std=c++17 -o "$out" "$here/gru_reference.cpp"
"$out" "${1:-10000000}" "${2:-5}"
