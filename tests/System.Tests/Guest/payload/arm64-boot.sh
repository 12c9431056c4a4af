#!/bin/sh
# arm64 boot 2: the pedal boots to sound by itself (WantedBy=sound.target), on the loopback card.
OUT=$1; . ./lib.sh
log "arm64 boot 2: kernel $(uname -r) on $(uname -m)"
fact cards "$(tr '\n' ' ' < /proc/asound/cards)"
boot_figures arm64
eventually 180 playing; fact playing_at_boot $?
fact active_at_boot "$(systemctl is-active gru-pedal.service)"
loopback_facts
save_logs
sync
