#!/usr/bin/env bash
# Installs or updates gru-pedal on a Raspberry Pi over SSH, from a developer machine.
#
#   deploy/push.sh [--hat NAME] [--i2c] [--no-spi] [--deb FILE] [--mode aot|r2r] [--reboot]
#                  [--ssh-option OPT]... [--dry-run] USER@HOST
#
#   --hat NAME     also enable the HAT's overlay in config.txt (deploy/install-on-pi.sh --list-hats)
#   --i2c          enable I2C (ADS1115 knobs); SPI is enabled with --hat unless --no-spi
#   --deb FILE     install this package instead of building one (deploy/build-deb.sh --arch arm64)
#   --mode MODE    how to build: aot (NativeAOT, default) or r2r (ReadyToRun)
#   --reboot       reboot the Pi when the boot configuration changed
#   --ssh-option   passed to ssh and scp as -o OPT (e.g. --ssh-option Port=2222)
#   --dry-run      print the commands instead of running them
#
# The Pi needs Raspberry Pi OS 64-bit (arm64) and a login with sudo. The package, the configuration in
# /etc/gru-pedal and the presets in /var/lib/gru-pedal survive every update; a failed update leaves the
# previous version installed and running. GRU_PEDAL_SSH and GRU_PEDAL_SCP replace the ssh and scp commands.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
hat=
deb=
mode=aot
reboot=0
dry=0
remote_opts=()
ssh_opts=(-o ConnectTimeout=10)
target=

die() { echo "push.sh: $*" >&2; exit 2; }

while (($#)); do
  case "$1" in
    --hat) hat=${2:?--hat needs a name}; shift 2 ;;
    --i2c) remote_opts+=(--i2c); shift ;;
    --no-spi) remote_opts+=(--no-spi); shift ;;
    --deb) deb=${2:?--deb needs a file}; shift 2 ;;
    --mode) mode=${2:?}; shift 2 ;;
    --reboot) reboot=1; shift ;;
    --ssh-option) ssh_opts+=(-o "${2:?}"); shift 2 ;;
    --dry-run) dry=1; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option '$1' (see --help)" ;;
    *) [[ -z $target ]] || die "one USER@HOST only"; target=$1; shift ;;
  esac
done
[[ $target == ?*@?* ]] || die "give the Pi as USER@HOST (e.g. pi@pedal.local)"
login=${target%%@*}
if [[ -n $hat ]]; then
  "$here/install-on-pi.sh" --list-hats | awk '{ print $1 }' | grep -qx -- "$hat" ||
    die "unknown HAT '$hat'; known: $("$here/install-on-pi.sh" --list-hats | awk '{ print $1 }' | tr '\n' ' ')"
  remote_opts+=(--hat "$hat")
fi

read -r -a ssh_cmd <<<"${GRU_PEDAL_SSH:-ssh}"
read -r -a scp_cmd <<<"${GRU_PEDAL_SCP:-scp}"
sudo_cmd=(sudo)
[[ $login == root ]] && sudo_cmd=()

# Runs a command, or prints it (shell-quoted) with --dry-run.
run() {
  if ((dry)); then
    printf '+'; printf ' %q' "$@"; printf '\n'
  else
    "$@"
  fi
}
# A command for the Pi's shell: each word quoted, as ssh joins its arguments with spaces.
remote() {
  local quoted tty=()
  quoted=$(printf '%q ' "$@")
  # A terminal lets sudo ask for a password when the login needs one.
  [[ -t 0 && -t 1 ]] && tty=(-t)
  run "${ssh_cmd[@]}" "${ssh_opts[@]}" "${tty[@]}" "$target" "${quoted% }"
}

# 1. The package.
if [[ -z $deb ]]; then
  if ((dry)); then
    run "$here/build-deb.sh" --arch arm64 --mode "$mode"
    deb="$here/../artifacts/deploy/gru-pedal_VERSION_arm64.deb"
  else
    deb=$("$here/build-deb.sh" --arch arm64 --mode "$mode" | tail -n 1)
  fi
else
  [[ -f $deb ]] || die "no such package: $deb"
fi
[[ $(basename "$deb") == gru-pedal_*.deb ]] || die "$deb is not a gru-pedal package"

# 2. Copy it and the installer to a fresh folder on the Pi.
remote_dir=/tmp/gru-pedal-push
if ((dry)); then
  remote_dir=/tmp/gru-pedal-push.XXXXXX
  run "${ssh_cmd[@]}" "${ssh_opts[@]}" "$target" "mktemp -d /tmp/gru-pedal-push.XXXXXX"
else
  remote_dir=$("${ssh_cmd[@]}" "${ssh_opts[@]}" "$target" "mktemp -d /tmp/gru-pedal-push.XXXXXX")
  [[ $remote_dir == /tmp/gru-pedal-push.* ]] || die "could not make a folder on $target"
fi
run "${scp_cmd[@]}" "${ssh_opts[@]}" -q "$deb" "$here/install-on-pi.sh" "$target:$remote_dir/"

# 3. Install (or upgrade, rolling back on failure), set up the HAT, show the service.
status=0
remote "${sudo_cmd[@]}" bash "$remote_dir/install-on-pi.sh" --user "$login" "${remote_opts[@]}" \
  "$remote_dir/$(basename "$deb")" || status=$?
remote rm -rf "$remote_dir" || true

if ((dry)); then
  echo "push.sh: dry run, nothing was done"
  exit 0
fi
case $status in
  0) echo "push.sh: gru-pedal is installed on $target" ;;
  3)
    if ((reboot)); then
      echo "push.sh: rebooting $target to load the HAT's driver"
      remote "${sudo_cmd[@]}" systemctl reboot || true
      status=0
    else
      echo "push.sh: installed; reboot $target to apply the boot configuration (or use --reboot)"
    fi
    ;;
  *) echo "push.sh: the installation on $target failed (status $status); see the messages above" >&2 ;;
esac
exit "$status"
