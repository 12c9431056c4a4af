#!/bin/sh
# arm64 boot 1: the Pi's package (arm64 NativeAOT) installed with apt on a booted arm64 Debian 12; the service
# that postinst starts plays on the ALSA loopback card; the program renders the riff for the host to compare.
OUT=$1; . ./lib.sh
log "arm64 boot 1: kernel $(uname -r) on $(uname -m)"
fact machine "$(uname -m)"
fact kernel "$(uname -r)"
fact cards "$(tr '\n' ' ' < /proc/asound/cards)"
t0=$(now)
apt-get install -y ./gru-pedal.deb > "$OUT/apt.log" 2>&1; fact apt_rc $?
fact apt_seconds "$(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.1f", b - a}')"
fact package_arch "$(dpkg-query -W -f='${Architecture}' gru-pedal)"
fact version "$(gru-pedal --version 2>&1)"
fact unit_enabled "$(systemctl is-enabled gru-pedal.service 2>&1)"
eventually 180 playing; fact played_after_install $?
fact active_after_install "$(systemctl is-active gru-pedal.service)"
loopback_facts
t0=$(now)
gru-pedal render riff.wav "$OUT/render-arm64.wav" --preset "Hot Drive" --quiet > "$OUT/render.txt" 2>&1; fact render_rc $?
fact render_seconds "$(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.1f", b - a}')"
save_logs
sync
