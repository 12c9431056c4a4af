#!/bin/sh
# Boot 4: upgrades on the booted system, as push.sh runs them (install-on-pi.sh). v1 is installed and playing with
# the player's presets, set list, saved state and edited configuration; v2 (another version, program and default
# configuration) goes in while it plays; then two broken versions, which must be rolled back.
OUT=$1; . ./lib.sh
log "boot 4: upgrades"
eventually 60 playing; fact playing_before $?
gru-pedal preset save "Upgrade Lead" --notes "kept across upgrades" > /dev/null 2>&1; fact preset_save_rc $?
gru-pedal setlist set "Upgrade Lead" "Odd Fuzz" "Clean Boost" > /dev/null 2>&1; fact setlist_set_rc $?
eventually 10 sh -c '[ "$(jq -r .preset /var/lib/gru-pedal/state.json)" = "Upgrade Lead" ]' || gru-pedal preset load "Upgrade Lead" > /dev/null 2>&1
eventually 10 sh -c '[ "$(jq -r .preset /var/lib/gru-pedal/state.json)" = "Upgrade Lead" ]'; fact state_saved $?
user_files() { (cd /var/lib/gru-pedal && sha256sum presets/*.json setlist.json state.json) ; sha256sum /etc/gru-pedal/config.json; }
user_files > "$OUT/user-files-before.txt"

log "v1 through install-on-pi.sh (keeps it for roll-back)"
bash /usr/lib/gru-pedal/install-on-pi.sh ./v1.deb > "$OUT/install-v1.txt" 2>&1; fact install_v1_rc $?
fact version_v1 "$(gru-pedal --version)"
fact kept_packages "$(ls /var/lib/gru-pedal/packages | tr '\n' ' ')"

log "v2 while playing"
old=$(pid); fact pid_v1 "$old"
( while :; do printf '%s %s %s\n' "$(now)" "$(pid)" "$(callbacks)"; sleep 0.2; done ) > "$OUT/during-upgrade.txt" 2>/dev/null &
sampler=$!
echo "$(now) start" > "$OUT/upgrade-times.txt"
bash /usr/lib/gru-pedal/install-on-pi.sh ./v2.deb > "$OUT/install-v2.txt" 2>&1; fact install_v2_rc $?
echo "$(now) end" >> "$OUT/upgrade-times.txt"
kill $sampler
fact version_v2 "$(gru-pedal --version)"
fact pid_v2 "$(pid)"
eventually 30 playing; fact playing_v2 $?
user_files > "$OUT/user-files-after.txt"
fact user_files_unchanged "$(cmp -s "$OUT/user-files-before.txt" "$OUT/user-files-after.txt" && echo yes || echo no)"
fact dpkg_dist "$(head -n 3 /etc/gru-pedal/config.json.dpkg-dist 2>&1 | grep -c 'version 2 default')"
fact config_kept "$(grep -c 'What a player with an audio HAT writes' /etc/gru-pedal/config.json)"
fact sound_v2 "$(sound)"

for broken in check crash; do
  log "broken ($broken) over v2"
  bash /usr/lib/gru-pedal/install-on-pi.sh ./broken-$broken.deb > "$OUT/install-broken-$broken.txt" 2>&1
  fact "broken_${broken}_rc" $?
  fact "broken_${broken}_message" "$(grep 'install-on-pi:' "$OUT/install-broken-$broken.txt" | tail -n 1)"
  fact "version_after_broken_$broken" "$(gru-pedal --version)"
  fact "dpkg_version_after_broken_$broken" "$(dpkg-query -W -f='${Version}' gru-pedal)"
  eventually 30 playing; fact "playing_after_broken_$broken" $?
  fact "dpkg_audit_after_broken_$broken" "$(dpkg --audit | wc -l)"
done
user_files > "$OUT/user-files-end.txt"
fact user_files_unchanged_at_end "$(cmp -s "$OUT/user-files-before.txt" "$OUT/user-files-end.txt" && echo yes || echo no)"
save_logs

log "remove, reinstall, purge"
sound_before_remove=$(sound)
apt-get remove -y gru-pedal > "$OUT/remove.txt" 2>&1; fact remove_rc $?
fact presets_after_remove "$(ls /var/lib/gru-pedal/presets | wc -l)"
DEBIAN_FRONTEND=noninteractive apt-get install -y -o Dpkg::Options::=--force-confold ./v2.deb > "$OUT/reinstall.txt" 2>&1; fact reinstall_rc $?
eventually 60 playing; fact playing_after_reinstall $?
fact reinstall_plays_the_old_sound "$([ "$(sound)" = "$sound_before_remove" ] && echo yes || echo no)"
apt-get purge -y gru-pedal > "$OUT/purge.txt" 2>&1; fact purge_rc $?
fact data_after_purge "$([ -e /var/lib/gru-pedal ] && echo present || echo gone)"
fact user_after_purge "$(getent passwd gru-pedal > /dev/null && echo present || echo gone)"
