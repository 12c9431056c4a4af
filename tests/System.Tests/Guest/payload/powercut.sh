#!/bin/sh
# Every boot of the power-loss test. First what the last power cut (a SIGKILL of qemu, whose disk has no host-side
# cache) left: every file parses, what is in it, what the pedal plays. Then, unless this is the final boot, the
# next workload, until the host cuts the power at a random moment: preset saves, set-list edits, imports over
# the socket, and parameter changes that the state saver writes. Each line goes straight to the serial console
# (the host's record) once the operation is acknowledged, before the next one starts.
OUT=$1; . ./lib.sh
con() { printf '\n@@ %s\n' "$*" > /dev/ttyS0; }
data=/var/lib/gru-pedal
con "CHECK-BEGIN"
eventually 90 playing; con "CHECK playing $?"
corrupt() { con "FILE corrupt ${1#"$data"/} $(head -c 120 "$1" | od -An -c | tr -s ' \n' ' ')"; }
# One jq a preset (the check reads every file, and the workload adds about four a cut: the check grows with the run).
for f in "$data"/presets/*.json; do
  [ -e "$f" ] || continue
  if line=$(jq -e -c 'if type == "object" then {name, notes} else error("not an object") end' "$f" 2> /dev/null); then
    con "FILE ok ${f#"$data"/}"; con "PRESET $line"
  else corrupt "$f"; fi
done
for f in "$data"/setlist.json "$data"/state.json; do
  [ -e "$f" ] || continue
  if jq -e 'type == "object"' "$f" > /dev/null 2>&1; then con "FILE ok ${f#"$data"/}"; else corrupt "$f"; fi
done
if [ -e "$data"/setlist.json ]; then con "SETLIST $(jq -c .presets "$data"/setlist.json 2> /dev/null)"; else con "SETLIST []"; fi
con "STATE $(saved_sound)"
con "PLAYING $(sound)"
con "PROBLEMS $(gru-pedal preset list --json 2> /dev/null | jq -c '.problems')"
con "CHECK-END"
[ -f final ] && exit 0

boot=$(cat boot-id); i=0
gru-pedal preset export "Hot Drive" /tmp/import.json > /dev/null 2>&1
con "WORKLOAD-START"
while :; do
  i=$((i + 1)); id="b${boot}o$i"
  case $((i % 4)) in
    1) gru-pedal preset save "P $id" --notes "$id" > /dev/null 2>&1 && con "ACK save P $id" ;;
    2) gru-pedal setlist add "P b${boot}o$((i - 1))" > /dev/null 2>&1 && con "ACK setlist P b${boot}o$((i - 1))" ;;
    3) tone=$(awk -v b="$boot" -v i="$i" 'BEGIN{printf "%g", ((b * 37 + i * 13) % 200) / 100 - 1}')
       gru-pedal set tone "$tone" > /dev/null 2>&1 && con "SET tone $tone"
       # The saver writes within 500 ms; acknowledged once it is in state.json and still there 1 s later.
       if eventually 3 sh -c '[ "$(jq -r .parameters.tone '"$data"'/state.json)" = "'"$tone"'" ]'; then
         sleep 1; [ "$(jq -r .parameters.tone "$data"/state.json)" = "$tone" ] && con "ACK state tone $tone"
       fi ;;
    0) gru-pedal preset import /tmp/import.json --name "I $id" > /dev/null 2>&1 && con "ACK import I $id" ;;
  esac
done
