#!/usr/bin/env bash
# Installs or upgrades gru-pedal on the Pi, as root (push.sh copies it over with the package and runs it;
# the package also carries it as /usr/lib/gru-pedal/install-on-pi.sh).
#
#   install-on-pi.sh [--hat NAME] [--i2c] [--no-spi] [--user LOGIN] [--boot-config FILE] [--keep N] DEB
#   install-on-pi.sh --list-hats
#
#   --hat NAME         enable the HAT's device-tree overlay in config.txt (see --list-hats); 'none' for USB
#   --i2c              enable I2C too (an ADS1115 knob ADC); SPI (an MCP3008) is enabled unless --no-spi
#   --user LOGIN       add this login to the gru-pedal group (control socket, logs) (default: $SUDO_USER)
#   --boot-config FILE the firmware configuration (default: /boot/firmware/config.txt, else /boot/config.txt)
#   --keep N           how many installed packages to keep in /var/lib/gru-pedal/packages (default 3)
#
# Upgrades are safe: dpkg keeps the old version when the new one fails to unpack; postinst refuses a
# program that does not run or rejects the configuration before restarting the service; and when the
# package does not install, or the service that was running does not come back, the previous package
# (kept in /var/lib/gru-pedal/packages) is installed again.
#
# Exit status: 0 installed and running (or not started: no sound card yet), 1 failed (rolled back when
# possible), 2 usage, 3 installed but the boot configuration changed: reboot to apply it.
set -euo pipefail

packages_dir=${GRU_PEDAL_PACKAGES_DIR:-/var/lib/gru-pedal/packages}
unit=gru-pedal.service
hat=
i2c=0
spi=1
login=${SUDO_USER:-}
boot_config=
keep=3
deb=

say() { echo "install-on-pi: $*" >&2; }
die() { say "$*"; exit 1; }
usage() { say "$*"; exit 2; }

# name|overlay|description. The overlay is the file /boot/firmware/overlays/NAME.dtbo of Raspberry Pi OS.
hat_table() {
  cat <<'TABLE'
hifiberry-dacplusadc|hifiberry-dacplusadc|HiFiBerry DAC+ADC (stereo in and out)
hifiberry-dacplusadcpro|hifiberry-dacplusadcpro|HiFiBerry DAC+ADC Pro (stereo in and out, PGA)
audioinjector|audioinjector-wm8731-audio|Audio Injector stereo sound card (WM8731)
audioinjector-ultra|audioinjector-ultra|Audio Injector Ultra 2 (CS4265)
pisound|pisound|Blokas Pisound (uses SPI itself; its button needs the pisound-btn package)
iqaudio-codec|iqaudio-codec|Raspberry Pi Codec Zero / IQaudIO Codec Zero (DA7213)
wm8960|wm8960-soundcard|WM8960 audio HATs (Waveshare, Seeed ReSpeaker 2-mic)
none||no HAT: a USB audio interface (no overlay)
TABLE
}

while (($#)); do
  case "$1" in
    --hat) hat=${2:?--hat needs a name}; shift 2 ;;
    --i2c) i2c=1; shift ;;
    --no-spi) spi=0; shift ;;
    --user) login=${2:?--user needs a login}; shift 2 ;;
    --boot-config) boot_config=${2:?}; shift 2 ;;
    --keep) keep=${2:?}; shift 2 ;;
    --list-hats) hat_table | awk -F'|' '{ printf "%-24s %-28s %s\n", $1, ($2 == "" ? "-" : $2), $3 }'; exit 0 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) usage "unknown option '$1' (see --help)" ;;
    *) [[ -z $deb ]] || usage "one package only"; deb=$1; shift ;;
  esac
done
[[ $keep =~ ^[1-9][0-9]*$ ]] || usage "--keep takes a number from 1"

overlay=
if [[ -n $hat ]]; then
  row=$(hat_table | awk -F'|' -v h="$hat" '$1 == h')
  [[ -n $row ]] || usage "unknown HAT '$hat'; known: $(hat_table | cut -d'|' -f1 | tr '\n' ' ')"
  overlay=$(cut -d'|' -f2 <<<"$row")
fi

systemd_running() { [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; }

# Writes the gru-pedal block at the end of config.txt (replacing an earlier one) and turns off the
# on-board audio when a HAT is named, so that the HAT is the only card. Prints "changed" when it did.
configure_boot() {
  local file=$1 begin='# >>> gru-pedal (install-on-pi.sh --hat) >>>' end='# <<< gru-pedal <<<'
  local block tmp
  block=$(
    echo "$begin"
    echo "[all]"
    ((spi)) && echo "dtparam=spi=on"
    ((i2c)) && echo "dtparam=i2c_arm=on"
    [[ -n $overlay ]] && echo "dtoverlay=$overlay"
    echo "$end"
  )
  tmp=$(mktemp "$file.XXXXXX")
  # Drop the previous block; comment out the on-board audio when a HAT takes over.
  awk -v begin="$begin" -v end="$end" -v hat="$overlay" '
    $0 == begin { skip = 1; next }
    skip && $0 == end { skip = 0; next }
    skip { next }
    hat != "" && /^[[:space:]]*dtparam=audio=on/ { print "#" $0 "  # turned off by gru-pedal: the HAT is the sound card"; next }
    { print }
  ' "$file" > "$tmp"
  # No blank line pile-up at the end, then the block.
  sed -i -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$tmp"
  printf '\n%s\n' "$block" >> "$tmp"
  if cmp -s "$tmp" "$file"; then
    rm -f "$tmp"
  else
    cp "$file" "$file.gru-pedal-backup"
    chmod --reference="$file" "$tmp" 2>/dev/null || true
    mv "$tmp" "$file"
    echo changed
  fi
}

installed_version() {
  { dpkg-query -W -f='${db:Status-Abbrev} ${Version}' gru-pedal 2>/dev/null || true; } | awk '$1 == "ii" { print $2 }'
}

install_deb() {
  local file=$1
  export DEBIAN_FRONTEND=noninteractive
  # Keep the musician's configuration without asking (dpkg writes the new default as config.json.dpkg-dist).
  if command -v apt-get >/dev/null; then
    # apt fetches libportaudio2 and the other dependencies the first time.
    apt-get install -y -q --allow-downgrades -o Dpkg::Options::=--force-confdef \
      -o Dpkg::Options::=--force-confold "$file"
  else
    dpkg -i --force-confdef --force-confold "$file"
  fi
}

service_active() { systemctl is-active --quiet "$unit"; }

# --- the package -------------------------------------------------------------------------------------
[[ $(id -u) -eq 0 ]] || die "run as root (sudo)"
if [[ -n $deb ]]; then
  [[ -f $deb ]] || die "no such package: $deb"
  deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
  name=$(dpkg-deb -f "$deb" Package) || die "$deb is not a Debian package"
  [[ $name == gru-pedal ]] || die "$deb is the package '$name', not gru-pedal"
  new_version=$(dpkg-deb -f "$deb" Version)
  deb_arch=$(dpkg-deb -f "$deb" Architecture)
  [[ $deb_arch == "$(dpkg --print-architecture)" ]] ||
    die "$deb is built for $deb_arch; this system is $(dpkg --print-architecture) (Raspberry Pi OS must be the 64-bit one)"

  old_version=$(installed_version)
  previous=
  if [[ -n $old_version ]]; then
    previous="$packages_dir/gru-pedal_${old_version}_${deb_arch}.deb"
    [[ -f $previous ]] || previous=
  fi
  was_active=0
  if systemd_running && service_active; then was_active=1; fi
  say "installing gru-pedal $new_version${old_version:+ over $old_version}"

  failed=
  if ! install_deb "$deb"; then
    failed="the package did not install"
  elif systemd_running && ((was_active)); then
    # postinst restarted it (Type=notify: it was ready when restart returned); give it a few watchdog
    # periods to prove it keeps running.
    restarts=$(systemctl show -p NRestarts --value "$unit")
    sleep "${GRU_PEDAL_SETTLE_SECONDS:-6}"
    if ! service_active || [[ $(systemctl show -p NRestarts --value "$unit") != "$restarts" ]]; then
      failed="the service did not keep running after the upgrade"
    fi
  fi

  if [[ -n $failed ]]; then
    if [[ -n $previous && $old_version != "$new_version" ]]; then
      say "$failed: going back to $old_version"
      dpkg -i --force-confdef --force-confold "$previous" || die "roll-back to $old_version failed too"
      die "$failed; gru-pedal $old_version is installed again (journalctl -u gru-pedal says why)"
    fi
    die "$failed, and no previous package to go back to (journalctl -u gru-pedal says why)"
  fi

  # Keep this package for a future roll-back, and the newest few only.
  install -d -m 0700 "$packages_dir"
  install -m 0600 "$deb" "$packages_dir/gru-pedal_${new_version}_${deb_arch}.deb"
  find "$packages_dir" -maxdepth 1 -name 'gru-pedal_*.deb' -printf '%T@ %p\n' | sort -rn |
    tail -n +$((keep + 1)) | cut -d' ' -f2- | while IFS= read -r old; do
      [[ $old == "$packages_dir/gru-pedal_${new_version}_${deb_arch}.deb" ]] || rm -f "$old"
    done
fi

# --- who may talk to the pedal ---------------------------------------------------------------------------
if [[ -n $login && $login != root ]] && getent passwd "$login" >/dev/null && getent group gru-pedal >/dev/null; then
  if ! id -nG "$login" | tr ' ' '\n' | grep -qx gru-pedal; then
    usermod --append --groups gru-pedal "$login"
    say "$login may now use the control socket and read the exit log (log in again)"
  fi
fi

# --- the boot configuration ----------------------------------------------------------------------------
reboot_needed=0
if [[ -n $hat ]] || ((i2c)); then
  if [[ -z $boot_config ]]; then
    for candidate in /boot/firmware/config.txt /boot/config.txt; do
      if [[ -f $candidate ]]; then boot_config=$candidate; break; fi
    done
  fi
  [[ -n $boot_config && -f $boot_config ]] || die "no config.txt found (use --boot-config FILE)"
  if [[ $(configure_boot "$boot_config") == changed ]]; then
    reboot_needed=1
    say "$boot_config now enables${overlay:+ the $overlay overlay,}$( ((spi)) && echo ' SPI')$( ((i2c)) && echo ' I2C') (old one in $boot_config.gru-pedal-backup)"
  fi
fi

# --- how it runs ---------------------------------------------------------------------------------------
if [[ -x /usr/lib/gru-pedal/gru-pedal ]]; then
  say "installed: gru-pedal $(/usr/lib/gru-pedal/gru-pedal --version 2>&1 || echo '(does not run)')"
fi
if systemd_running; then
  systemctl --no-pager --lines=15 status "$unit" || true
fi
if ((reboot_needed)); then
  say "reboot to load the HAT's driver: sudo reboot"
  exit 3
fi
exit 0
