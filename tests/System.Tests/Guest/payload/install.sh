#!/bin/sh
# Boot 1: install the package on the booted system as a user would, check what it made, then configure the
# pedal as a HAT user would (device by name, ALSA) and leave a sound to find again on the next boot.
OUT=$1; . ./lib.sh
log "boot 1: kernel $(uname -r)"
fact kernel "$(uname -r)"
fact cards "$(tr '\n' ' ' < /proc/asound/cards)"
t0=$(now)
apt-get install -y ./gru-pedal.deb > "$OUT/apt.log" 2>&1; fact apt_rc $?
fact apt_seconds "$(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.1f", b - a}')"
fact version "$(gru-pedal --version 2>&1)"
fact user "$(getent passwd gru-pedal)"
fact user_groups "$(id -nG gru-pedal | tr ' ' ',')"
for path in /var/lib/gru-pedal /var/lib/gru-pedal/packages /var/log/gru-pedal /etc/gru-pedal/config.json /usr/bin/gru-pedal; do
  fact "stat:$path" "$(stat -c '%a %U:%G %F' "$path" 2>&1)"
done
fact unit_enabled "$(systemctl is-enabled gru-pedal.service 2>&1)"
eventually 60 playing; fact played_after_install $?
fact active_after_install "$(systemctl is-active gru-pedal.service)"
gru-pedal devices > "$OUT/devices.txt" 2>&1
log "the HAT user's configuration"
cp hat-config.json /etc/gru-pedal/config.json
gru-pedal config check /etc/gru-pedal/config.json > "$OUT/config-check.txt" 2>&1; fact config_check_rc $?
systemctl restart gru-pedal.service; fact restart_rc $?
eventually 60 playing; fact played_with_hat_config $?
gru-pedal preset load "Hot Drive" > /dev/null 2>&1; fact preset_load_rc $?
gru-pedal set tone 0.25 > /dev/null 2>&1; fact set_rc $?
eventually 20 sh -c '[ "$(jq -r .parameters.tone /var/lib/gru-pedal/state.json)" = 0.25 ]'; fact state_saved $?
fact sound_at_poweroff "$(sound)"
save_logs
sync
