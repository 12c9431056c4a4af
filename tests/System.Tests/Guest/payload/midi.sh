# Scenario 9 of boot 2 (sourced by play.sh): MIDI through the real ALSA sequencer, in the installed service. A
# controller plugged in while the pedal plays (snd-virmidi: a card whose raw MIDI ports are sequencer sources, as a
# USB controller's are) is subscribed to through the announce port; Program Change and Control Change sent with
# amidi reach the pedal (the HAT configuration's map: CC 11 drive); unplugged and plugged again mid-gig, it is picked up again.
log "9. MIDI through the ALSA sequencer"
fact midi_at_start "$(status | jq -c .midi)"
fact seq_clients_at_start "$(grep -c '^Client' /proc/asound/seq/clients 2>/dev/null)"
modprobe snd-virmidi midi_devs=1; fact virmidi_rc $?
udevadm settle
fact amidi_list "$(amidi -l | tr '\n' ';')"
virmidi_port() { amidi -l | awk '$2 ~ /^hw:/ && /Virtual|VirMIDI/ {print $2; exit}'; }
port=$(virmidi_port)
fact virmidi_port "$port"
subscribed() { gru-pedal status --json | jq -e '[.midi.sources[] | tostring | select(test("Virtual|VirMIDI"))] | length > 0'; }
eventually 15 subscribed; fact midi_source_subscribed $?
fact midi_sources "$(status | jq -c .midi.sources)"
fact aconnect_shows_pedal "$(aconnect -l | grep -c 'gru-pedal')"
fact playing_after_plug "$(playing; echo $?)"
pcs0=$(field .midi.program_changes); ccs0=$(field .midi.control_changes)
amidi -p "$port" -S "C0 02"; fact pc_sent $?
eventually 10 sh -c '[ "$(gru-pedal status --json | jq -r .setlist.position)" = 3 ]'; fact pc_loaded_position_3 $?
fact preset_after_pc "$(field .preset)"
# a drive pedal's sweep from heel to toe: soft takeover picks the value up where the sweep crosses it
for v in 00 10 20 30 40 50 60 70 7F; do amidi -p "$port" -S "B0 0B $v"; sleep 0.05; done
eventually 10 sh -c '[ "$(gru-pedal get --json wh | jq -r .parameters.wh)" = 5 ]'; fact cc_drive_at_127 $?
fact drive_after_cc "$(gru-pedal get --json wh | jq -r .parameters.wh)"
fact program_changes_counted "$(( $(field .midi.program_changes) - pcs0 ))"
fact control_changes_counted "$(( $(field .midi.control_changes) - ccs0 ))"
fact last_change_after_cc "$(field .last_change)"
# unplugged mid-gig (the card's driver unbound, as a USB controller pulled out: the card is disconnected even while
# the pedal is subscribed to it): logged once, the pedal plays on; plugged again: subscribed again and heard
echo snd_virmidi.0 > /sys/bus/platform/drivers/snd_virmidi/unbind; fact unplug_rc $?
eventually 10 sh -c 'journalctl -b -u gru-pedal -o cat | grep -q "MIDI source gone"'; fact source_gone_logged $?
unsubscribed() { ! subscribed; }
eventually 5 unsubscribed
fact sources_after_unplug "$(status | jq -c .midi.sources)"
fact playing_after_unplug "$(playing; echo $?)"
echo snd_virmidi.0 > /sys/bus/platform/drivers/snd_virmidi/bind; fact replug_rc $?; udevadm settle
port=$(virmidi_port); fact virmidi_port_again "$port"
eventually 15 subscribed; fact midi_source_subscribed_again $?
fact connected_lines "$(journalctl -b -u gru-pedal -o cat | grep -c 'MIDI source connected: .*Vir')"
for v in 7F 60 40 20 00; do amidi -p "$port" -S "B0 0B $v"; sleep 0.05; done
eventually 10 sh -c 'gru-pedal get --json wh | jq -e ".parameters.wh < 0.02"'; fact cc_heard_after_replug $?
fact drive_after_replug "$(gru-pedal get --json wh | jq -r .parameters.wh)"
fact midi_after "$(status | jq -c .midi)"
echo snd_virmidi.0 > /sys/bus/platform/drivers/snd_virmidi/unbind
