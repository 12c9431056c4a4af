#!/usr/bin/env bash
# Power-loss benchmark: N power cuts (default 100) of a booted Debian guest playing the pedal, each followed by a
# boot that checks every file and every acknowledged operation (tests/System.Tests, PowerLossTests). About 30 s a
# cut under qemu's TCG on 2 cores, plus the package and, the first time, the guest image. Run as root.
#   benchmarks/power-loss.sh [CUTS]
# Prints: power cuts, operations acknowledged, operations found, files checked, corrupt found.
set -euo pipefail
cd "$(dirname "$0")/.."
cuts=${1:-100}
[[ $cuts =~ ^[0-9]+$ && $cuts -ge 1 ]] || { echo "power-loss.sh: CUTS must be a positive number, not '$cuts'" >&2; exit 2; }
dotnet build tests/System.Tests -c Release -v:quiet -nologo >/dev/null
GRU_PEDAL_POWER_CUTS=$cuts dotnet test tests/System.Tests -c Release --no-build \
  --filter "FullyQualifiedName~PowerLossTests" --logger "console;verbosity=normal"
cat artifacts/system-tests/power-loss-report.txt
