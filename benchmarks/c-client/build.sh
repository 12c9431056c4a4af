#!/usr/bin/env bash
# Builds the C yardstick client for `gru-pedal soak` against the system's PortAudio (libportaudio2).
set -euo pipefail
cd "$(dirname "$0")"
gcc -O2 -Wall -Wextra -o gru-c-client gru_client.c -l:libportaudio.so.2 -l:libasound.so.2 -lm
echo "built $(pwd)/gru-c-client"
