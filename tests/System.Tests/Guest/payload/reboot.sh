#!/bin/sh
# Boot 3: the pedal after a power-off: boots to sound again by itself with the sound it had.
OUT=$1; . ./lib.sh
log "boot 3"
boot_figures boot3
eventually 60 playing; fact playing $?
fact sound "$(sound)"
save_logs
