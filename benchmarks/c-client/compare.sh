#!/usr/bin/env bash
# Runs `gru-pedal soak` and the C yardstick client side by side on one real-time JACK dummy server, over the same
# time, and prints both results (JSON lines). Usage: compare.sh [SECONDS] [FRAMES] [--busy]
#   --busy keeps one core fully busy with a plain shell loop while they run (the goal's condition on 2 cores).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}; frames=${2:-32}; busy=${3:-}
root=$(cd ../.. && pwd)
exe="$root/src/Firmware/bin/Release/net10.0/gru-pedal"
[[ -x gru-c-client ]] || ./build.sh >/dev/null
[[ -x "$exe" ]] || dotnet build "$root/src/Firmware" -c Release >/dev/null
server="gru-compare-$$"
jackd -n "$server" -R -P 80 -d dummy -r 48000 -p "$frames" >"/tmp/$server.log" 2>&1 &
jack_pid=$!
busy_pid=
cleanup() { [[ -n $busy_pid ]] && kill "$busy_pid" 2>/dev/null; kill -TERM "$jack_pid" 2>/dev/null; wait "$jack_pid" 2>/dev/null || true; }
trap cleanup EXIT
jack_wait -s "$server" -w -t 60 >/dev/null
[[ $(jack_wait -s "$server" -c 2>/dev/null) == running ]] || { echo "jackd -n $server did not start" >&2; exit 1; }
export JACK_DEFAULT_SERVER="$server"
if [[ $busy == --busy ]]; then (while :; do :; done) & busy_pid=$!; fi
./gru-c-client -d system -f "$frames" -s "$seconds" -w 1 >"/tmp/$server.c.json" &
c_pid=$!
"$exe" soak --seconds "$seconds" --frames "$frames" --json 2>/dev/null | tr -d '\n' | sed 's/  */ /g'; echo
wait "$c_pid"
cat "/tmp/$server.c.json"
echo "jackd: $(grep -c 'JackTimedDriver::Process XRun' "/tmp/$server.log" || true) driver xruns, $(grep -c 'was not finished' "/tmp/$server.log" || true) client xruns (gru-pedal: $(grep 'was not finished' "/tmp/$server.log" | grep -c 'client = gru-pedal ' || true), C: $(grep 'was not finished' "/tmp/$server.log" | grep -c 'gru-c-client' || true))"
