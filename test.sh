#!/usr/bin/env bash
# Runs GruPedalPi's whole test suite on a fresh Debian machine with the .NET SDK.
# Installs the system packages the tests use (as root, or through sudo) when they are missing,
# then runs every xUnit project. Extra arguments go to `dotnet test` (e.g. --filter ...).
set -euo pipefail
cd "$(dirname "$0")"

packages=(
  libportaudio2   # the audio I/O library the pedal binds to
  jackd2          # JACK server with the dummy backend: real-time audio without a sound card
  sox             # independent WAV checks in tests
  debootstrap     # scratch Debian root for package install/upgrade tests
  dpkg-dev fakeroot
  qemu-user libc6-arm64-cross libstdc++6-arm64-cross libgcc-s1-arm64-cross
  clang lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross   # NativeAOT cross-compilation for arm64
  systemd         # systemd-analyze for the unit's checks
  shellcheck      # lints the deploy scripts
  qemu-system-x86 qemu-utils e2fsprogs cpio xz-utils gcc make libc6-dev python3   # the booted-system tests (a Debian guest)
  openssh-client  # push.sh into the guest over SSH
  tmux            # a real terminal for the live view's tests (gru-pedal monitor)
  qemu-system-arm qemu-user-static binfmt-support   # the arm64 guest (its image's second stage runs under qemu-user)
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "test.sh: installing ${missing[*]}"
  sudo_cmd=(); [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Build once, then run the test projects one after another: the real-time tests (JACK) must not share
# the two cores with a compile or another project's tests.
dotnet build GruPedalPi.sln -c Release
status=0
logs=artifacts/test-logs; mkdir -p "$logs"
for project in tests/Dsp.Tests tests/Hardware.Tests tests/Firmware.Tests tests/Deploy.Tests tests/System.Tests; do
  log="$logs/$(basename "$project").log"
  dotnet test "$project" -c Release --no-build --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=1
done

# A summary last, where a long log's tail shows it: each project's totals, each failure's first lines.
echo; echo "=== test.sh summary"
for log in "$logs"/*.log; do
  printf '%s: %s\n' "$(basename "$log" .log)" "$(grep -E '^ *(Passed|Failed|Total tests): ' "$log" | tr -s ' ' | tr '\n' ' ')"
  awk '/^ +Failed [A-Za-z]/ { print; grab = 4; next }
       grab > 0 && /Error Message:/ { next }
       grab > 0 { print "    " substr($0, 1, 600); grab--; if (/Stack Trace:/) grab = 0 }' "$log"
done
exit $status
