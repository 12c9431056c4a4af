#!/bin/sh
# Boot 2: the installed pedal as it boots and plays, proven through the real kernel: boot to sound, ALSA,
# real-time scheduling, who may use the socket, GPIO and SPI through their kernel drivers, device loss and
# the watchdog. Every observation becomes a fact; the host asserts.
OUT=$1; . ./lib.sh
log "boot 2"
fact cards "$(tr '\n' ' ' < /proc/asound/cards)"

log "1. boot to sound"
boot_figures boot2
eventually 60 playing; fact playing_at_boot $?
fact active_at_boot "$(systemctl is-active gru-pedal.service)"
fact playing_line "$(journalctl -b -u gru-pedal -o cat | grep -m 1 'Playing on')"
fact jack_lines "$(journalctl -b -u gru-pedal -o cat | grep -ci 'jack')"
fact service_log_lines_to_first_callback "$(journalctl -b -u gru-pedal -o cat | sed '/first callback/q' | wc -l)"

log "3. real time as the unprivileged user"
p=$(pid)
fact service_user "$(stat -c %U /proc/$p)"
audio_tid=$(journalctl -b -u gru-pedal -o cat | sed -n 's/.*Audio thread \([0-9]*\):.*/\1/p' | tail -n 1)
fact audio_tid "$audio_tid"
fact audio_thread_log "$(journalctl -b -u gru-pedal -o cat | grep 'Audio thread' | tail -n 1)"
for t in /proc/$p/task/*; do
  # fields after "pid (comm)": rt_priority is field 40 and policy field 41 of stat
  printf '%s %s %s\n' "${t##*/}" "$(sed 's/.*) //' "$t/stat" | awk '{print $38, $39}')" "$(tr ' ' '_' < "$t/comm")"
done > "$OUT/threads.txt"
# CPU time per thread over 5 s of playing (utime + stime, fields 14 and 15 of stat, in clock ticks)
cpu_ticks() { for t in /proc/$p/task/*; do printf '%s %s %s\n' "${t##*/}" "$(sed 's/.*) //' "$t/stat" | awk '{print $12 + $13}')" "$(tr ' ' '_' < "$t/comm")"; done; }
cpu_ticks > "$OUT/cpu0.txt"; t_cpu0=$(now); sleep 5; cpu_ticks > "$OUT/cpu1.txt"; t_cpu1=$(now)
hz=$(getconf CLK_TCK)
fact cpu_percent_by_thread "$(join "$OUT/cpu0.txt" "$OUT/cpu1.txt" 2>/dev/null | awk -v hz="$hz" -v s="$(awk -v a="$t_cpu0" -v b="$t_cpu1" 'BEGIN{print b - a}')" '{p = ($4 - $2) * 100 / hz / s; if (p >= 1) printf "%s:%.0f%% ", $3, p}')"
fact cpu_percent_process "$(join "$OUT/cpu0.txt" "$OUT/cpu1.txt" 2>/dev/null | awk -v hz="$hz" -v s="$(awk -v a="$t_cpu0" -v b="$t_cpu1" 'BEGIN{print b - a}')" '{d += $4 - $2} END {printf "%.0f", d * 100 / hz / s}')"
fact vm_lck_kb "$(awk '/^VmLck/{print $2}' /proc/$p/status)"
fact vm_rss_kb "$(awk '/^VmRSS/{print $2}' /proc/$p/status)"
fact mem_total_kb "$(awk '/^MemTotal/{print $2}' /proc/meminfo)"
fact mem_available_kb "$(awk '/^MemAvailable/{print $2}' /proc/meminfo)"
fact limit_rtprio "$(awk '/^Max realtime priority/{print $4}' /proc/$p/limits)"
fact limit_memlock "$(awk '/^Max locked memory/{print $4}' /proc/$p/limits)"
fact limit_rttime "$(awk '/^Max realtime timeout/{print $4 ":" $5}' /proc/$p/limits)"

log "8. who may come in"
useradd --create-home --groups gru-pedal player
useradd --create-home stranger
runuser -u player -- gru-pedal status > "$OUT/player-status.txt" 2>&1; fact player_status_rc $?
runuser -u player -- gru-pedal set tone 0.25 > "$OUT/player-set.txt" 2>&1; fact player_set_rc $?
runuser -u player -- gru-pedal preset list > "$OUT/player-preset.txt" 2>&1; fact player_preset_rc $?
runuser -u stranger -- gru-pedal status > "$OUT/stranger-status.txt" 2>&1; fact stranger_status_rc $?
runuser -u stranger -- gru-pedal set tone 0.5 > "$OUT/stranger-set.txt" 2>&1; fact stranger_set_rc $?
fact socket "$(stat -c '%a %U:%G' /run/gru-pedal/control.sock)"
fact inet_sockets_in_service_netns "$(nsenter -t "$p" -n ss -H -tuwa | wc -l)"
fact inet_sockets_of_service_in_host_netns "$(ss -H -tuwap | grep -c gru-pedal)"
fact service_netns_differs "$([ "$(readlink /proc/$p/ns/net)" != "$(readlink /proc/1/ns/net)" ] && echo yes || echo no)"
systemd-analyze security gru-pedal.service --no-pager > "$OUT/security.txt" 2>&1
fact security_exposure "$(sed -n 's/.*Overall exposure level for gru-pedal.service: \([0-9.]*\).*/\1/p' "$OUT/security.txt")"

log "2. ALSA: stage == render"
eventually 10 playing
gru-pedal get --json > "$OUT/get-before-riff.json"
args=$(jq -r '.parameters | to_entries[] | select(.value != null) | "--\(.key | gsub("_"; "-"))=\(.value)"' "$OUT/get-before-riff.json" | tr '\n' ' ')
# and the chain the configuration builds (oversampling, filter quality, fast or exact math)
args="$args $(gru-pedal config show --json | jq -r '.audio | "--oversample=\(.oversampling) --quality=\(.quality) \(if .fastMath then "--fast" else "--exact" end)"')"
fact render_args "$args"
seconds=$(awk -v f="$(stat -c %s riff.wav)" 'BEGIN{printf "%d", f / 4 / 48000 + 3}')
# The guest's CPU is emulated and near its budget: a take with an xrun (a dropped period) is played again, up to
# four takes, and the first clean one is compared.
take=0
while [ $take -lt 4 ]; do
  take=$((take + 1))
  arecord -q -D plughw:Loopback,1,0 -f FLOAT_LE -r 48000 -c 2 -d "$seconds" "$OUT/recording.wav" 2> "$OUT/arecord.txt" &
  recorder=$!
  sleep 1
  xruns_before=$(field .status.xruns)
  aplay -q -D plughw:Loopback,1,0 riff.wav 2> "$OUT/aplay.txt"; fact aplay_rc $?
  wait $recorder; fact arecord_rc $?
  xruns=$(( $(field .status.xruns) - xruns_before ))
  fact "xruns_take_$take" "$xruns"
  [ "$xruns" -eq 0 ] && break
done
fact takes "$take"
fact xruns_during_riff "$xruns"
gru-pedal get --json > "$OUT/get-after-riff.json"
fact sound_unchanged_by_riff "$([ "$(jq -c .parameters "$OUT/get-before-riff.json")" = "$(jq -c .parameters "$OUT/get-after-riff.json")" ] && echo yes || echo no)"
# shellcheck disable=SC2086
gru-pedal render riff.wav "$OUT/render.wav" --keep-latency --quiet $args > "$OUT/render.txt" 2>&1; fact render_rc $?
for f in /proc/asound/card0/pcm0p/sub0/hw_params /proc/asound/card0/pcm0c/sub0/hw_params; do
  echo "$f"; cat "$f"
done > "$OUT/hw-params.txt" 2>&1

log "6. footswitch and LED through the kernel's GPIO driver"
sim=$(ls -d /sys/devices/platform/gpio-sim.*/gpiochip*/sim_gpio17 | head -n 1); sim=${sim%/sim_gpio17}
fact gpio_chip "$(gpiodetect | tr '\n' ' ')"
fact gpio_lines "$(gpioinfo "$(basename "$sim")" | grep -E 'line +(17|27):' | tr -s ' ' | tr '\n' ';')"
led() { cat "$sim/sim_gpio27/value"; }
bypassed() { field .bypassed; }
press() { echo pull-down > "$sim/sim_gpio17/pull"; }
release() { echo pull-up > "$sim/sim_gpio17/pull"; }
led_is() { [ "$(led)" = "$1" ]; }
fact bypassed_0 "$(bypassed)"; fact led_0 "$(led)"
press; sleep 0.15; release
eventually 3 sh -c '[ "$(gru-pedal status --json | jq -r .bypassed)" = true ]'
fact bypassed_after_tap "$(bypassed)"
eventually 3 led_is 0; fact led_after_tap "$(led)"
press; sleep 0.15; release
eventually 3 sh -c '[ "$(gru-pedal status --json | jq -r .bypassed)" = false ]'
fact bypassed_after_second_tap "$(bypassed)"
eventually 3 led_is 1; fact led_after_second_tap "$(led)"
position0=$(field .setlist.position)
fact preset_before_hold "$(field .preset)"; fact position_before_hold "$position0"
press; sleep 1.5; release
eventually 5 sh -c '[ "$(gru-pedal status --json | jq -r .setlist.position)" != "'"$position0"'" ]'
fact preset_after_hold "$(field .preset)"; fact position_after_hold "$(field .setlist.position)"
fact bypassed_after_hold "$(bypassed)"
eventually 5 led_is 1; fact led_after_hold "$(led)"
# contact bounce: three closures within a few milliseconds, then held down, count as one press. The burst runs
# at SCHED_FIFO 90, above the audio thread, so the emulated CPU cannot stretch it past the debounce window; a
# burst that still took 5 ms or more proves nothing and is made again from the engaged state (up to three).
attempt=0
while [ $attempt -lt 3 ]; do
  attempt=$((attempt + 1))
  gru-pedal bypass off > /dev/null; eventually 3 led_is 1
  burst=$(chrt -f 90 gpio-bounce "$sim/sim_gpio17/pull" 3)
  sleep 0.2; release
  [ "${burst:-99999}" -lt 5000 ] && break
  sleep 0.5
done
fact bounce_attempts "$attempt"
fact bounce_burst_us "$burst"
eventually 3 sh -c '[ "$(gru-pedal status --json | jq -r .bypassed)" = true ]'
sleep 0.5
fact bypassed_after_bounce "$(bypassed)"
press; sleep 0.15; release
eventually 3 sh -c '[ "$(gru-pedal status --json | jq -r .bypassed)" = false ]'
fact bypassed_after_bounce_and_tap "$(bypassed)"

log "7. knobs through spidev"
adc=/sys/devices/platform/mcp3008-sim
fact spidev "$(ls -l /dev/spidev0.0 2>&1)"
c0=$(cat $adc/conversions); sleep 1; c1=$(cat $adc/conversions)
fact adc_conversions_per_s "$((c1 - c0))"
echo 2 > $adc/noise_lsb
rest0=$(gru-pedal get --json | jq -c .parameters); last0=$(field .last_change)
sleep 3
rest1=$(gru-pedal get --json | jq -c .parameters)
fact resting_noisy_knobs_changed_nothing "$([ "$rest0" = "$rest1" ] && echo yes || echo no)"
fact last_change_while_resting "$(field .last_change) (before: $last0)"
fact drive_before_turn "$(gru-pedal get --json wh | jq -r .parameters.wh)"
for v in 0 64 128 192 256 320 384 448 512 576 640 704 768 832 896 960 1023; do echo $v > $adc/ch0; sleep 0.05; done
eventually 3 sh -c '[ "$(gru-pedal get --json wh | jq -r .parameters.wh)" = 5 ]'
fact drive_at_full_turn "$(gru-pedal get --json wh | jq -r .parameters.wh)"
echo 512 > $adc/ch0
eventually 3 sh -c '[ "$(gru-pedal get --json wh | jq -r .parameters.wh)" != 5 ]'
fact drive_at_noon "$(gru-pedal get --json wh | jq -r .parameters.wh)"
fact last_change_after_turn "$(field .last_change)"
echo 0 > $adc/noise_lsb

. ./midi.sh
. ./latency.sh

log "5. device loss on ALSA"
# from the engaged state whatever the steps before left (the LED is lit when engaged and the card is there)
gru-pedal bypass off > /dev/null; eventually 3 led_is 1; fact led_before_unbind "$(led)"
p=$(pid); fact pid_before_unbind "$p"
echo snd_aloop.0 > /sys/bus/platform/drivers/snd_aloop/unbind; fact unbind_rc $?
eventually 15 sh -c '[ "$(gru-pedal status --json | jq -r .status.state)" != playing ]'
fact state_after_unbind "$(field .status.state)"
fact fault_after_unbind "$(field .status.fault)"
sleep 1
transitions=0; last=$(led); i=0
while [ $i -lt 50 ]; do v=$(led); [ "$v" != "$last" ] && transitions=$((transitions + 1)); last=$v; sleep 0.02; i=$((i + 1)); done
fact led_transitions_during_fault "$transitions"
sleep 4
fact pid_while_unbound "$(pid)"; fact active_while_unbound "$(systemctl is-active gru-pedal.service)"
fact overruns_after_unbind "$(journalctl -b -u gru-pedal -o cat | grep -c "ran past LimitRTTIME")"
fact overrun_line "$(journalctl -b -u gru-pedal -o cat | grep -m 1 "ran past LimitRTTIME")"
echo snd_aloop.0 > /sys/bus/platform/drivers/snd_aloop/bind; fact bind_rc $?
eventually 40 playing; fact playing_after_rebind $?
for t in /proc/$p/task/*; do echo "$(cat $t/comm 2>/dev/null) $(cat $t/wchan 2>/dev/null) $(tr '\n' '<' < $t/stack 2>/dev/null)"; done > "$OUT/threads-after-rebind.txt"
fact pid_after_rebind "$(pid)"
fact device_starts_note "a new stream starts its statistics at 0: playing means its callbacks move"
eventually 5 led_is 1; fact led_after_rebind "$(led)"

log "4. the watchdog"
gru-pedal preset load "Odd Fuzz" > /dev/null; gru-pedal set tone -0.3 > /dev/null; gru-pedal bypass on > /dev/null
eventually 10 sh -c '[ "$(jq -r .bypassed /var/lib/gru-pedal/state.json)" = true ] && [ "$(jq -r .parameters.tone /var/lib/gru-pedal/state.json)" = -0.3 ]'
fact state_saved_before_stall $?
before=$(sound); fact sound_before_stall "$before"
p=$(pid); fact pid_before_stall "$p"
t0=$(now)
kill -STOP "$p"
eventually 60 sh -c '[ "$(systemctl show -P MainPID gru-pedal.service)" != "'"$p"'" ] && [ "$(systemctl show -P MainPID gru-pedal.service)" != 0 ]'
fact restarted $?
eventually 60 playing; fact playing_after_stall $?
t1=$(now)
fact stall_to_sound_s "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b - a}')"
fact pid_after_stall "$(pid)"
fact sound_after_stall "$(sound)"
fact watchdog_journal "$(journalctl -b -u gru-pedal -o cat | grep -m 1 -i 'watchdog timeout')"
fact n_restarts "$(systemctl show -P NRestarts gru-pedal.service)"
save_logs
sync
