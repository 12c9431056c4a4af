# Shared by the guest-side steps of the system test (POSIX sh, sourced). OUT is the results folder.
# facts.txt holds one "key=value" per observation; the host's xUnit tests assert on them.
fact() { printf '%s=%s\n' "$1" "$2" >> "$OUT/facts.txt"; }
now() { read -r u _ < /proc/uptime; echo "$u"; }
log() { echo "=== [$(now)] $*"; }
# eventually SECONDS COMMAND...: runs COMMAND every 0.1 s until it succeeds; 1 when time runs out.
eventually() {
  limit=$1; shift
  end=$(awk -v n="$(now)" -v l="$limit" 'BEGIN{print n + l}')
  until "$@" >/dev/null 2>&1; do
    awk -v n="$(now)" -v e="$end" 'BEGIN{exit !(n >= e)}' && return 1
    sleep 0.1
  done
}
pid() { systemctl show -P MainPID gru-pedal.service; }
status() { gru-pedal status --json 2>/dev/null; }
field() { status | jq -r "$1"; }
callbacks() { field '.status.callbacks // 0'; }
# playing: the service answers and its callback count moves.
playing() {
  a=$(callbacks); sleep 0.3; b=$(callbacks)
  [ -n "$a" ] && [ -n "$b" ] && [ "$b" -gt "$a" ] && [ "$(field .status.state)" = playing ]
}
# The sound the pedal has now, as one line: preset, bypass and every parameter.
sound() { gru-pedal get --json | jq -c '{preset, bypassed, parameters}'; }
saved_sound() { jq -c "{preset, bypassed, parameters}" /var/lib/gru-pedal/state.json 2>/dev/null; }
# Boot figures: kernel start to sound.target, to READY=1 (the unit going active) and to the first callback.
boot_figures() {
  prefix=$1
  eventually 90 sh -c 'journalctl -b -u gru-pedal -o cat | grep -q "first callback"' || fact "${prefix}_first_callback" missing
  sound_us=$(systemctl show -P ActiveEnterTimestampMonotonic sound.target)
  ready_us=$(systemctl show -P ActiveEnterTimestampMonotonic gru-pedal.service)
  exec_us=$(systemctl show -P ExecMainStartTimestampMonotonic gru-pedal.service)
  first_ms=$(journalctl -b -u gru-pedal -o cat | sed -n 's/.*first callback \([0-9.]*\) ms after process start.*/\1/p' | head -n 1)
  fact "${prefix}_sound_target_s" "$(awk -v u="$sound_us" 'BEGIN{printf "%.3f", u / 1e6}')"
  fact "${prefix}_ready_s" "$(awk -v u="$ready_us" 'BEGIN{printf "%.3f", u / 1e6}')"
  fact "${prefix}_first_callback_s" "$(awk -v u="$exec_us" -v m="${first_ms:-0}" 'BEGIN{printf "%.3f", u / 1e6 + m / 1000}')"
  fact "${prefix}_started_by" "$(systemctl show -P TriggeredBy gru-pedal.service)$(systemctl show -P WantedBy gru-pedal.service | tr ' ' ',')"
}
save_logs() {
  journalctl -b -u gru-pedal --no-pager -o short-monotonic > "$OUT/service-log.txt" 2>&1
  cp /var/log/gru-pedal/exits.log "$OUT/exits.log" 2>/dev/null || true
}
# The process that holds the loopback card's first playback substream (ALSA records the opening thread's id) and
# the substream's state: the pedal's own process, RUNNING, when it plays on the card.
loopback_facts() {
  status_file=/proc/asound/Loopback/pcm0p/sub0/status
  owner=$(sed -n 's/^owner_pid *: *//p' "$status_file" 2>/dev/null)
  fact loopback_state "$(sed -n 's/^state: *//p' "$status_file" 2>/dev/null)"
  fact loopback_owner_process "$(awk '/^Tgid:/ {print $2}' "/proc/${owner:-0}/status" 2>/dev/null)"
  fact service_pid "$(pid)"
}
