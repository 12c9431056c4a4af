# Scenario 10 of boot 2 (sourced by play.sh): `gru-pedal latency` on the ALSA loopback while the service plays. The
# "cable" is snd-aloop itself: what is played on hw:Loopback,0,N comes out of the capture side of hw:Loopback,1,N,
# so an asym PCM that plays on 0,1 and records from 1,1 is an output wired to an input, on substream 1 beside the
# service's substream 0. Each buffer size gets up to three takes (a take fails when an xrun on the emulated CPU
# makes the repeats disagree).
log "10. round-trip latency on the ALSA loopback"
cat > /etc/asound.conf <<'CONF'
pcm.cable {
  type asym
  playback.pcm "hw:Loopback,0,1"
  capture.pcm "hw:Loopback,1,1"
  hint { show on description "ALSA loopback wired output to input (substream 1)" }
}
CONF
for frames in 128 256; do
  take=0
  while [ $take -lt 3 ]; do
    take=$((take + 1))
    gru-pedal latency --device cable --frames "$frames" --oversample 1 --lead-in-ms 200 --json > "$OUT/latency-$frames.json" 2> "$OUT/latency-$frames.txt"
    rc=$?
    [ $rc -eq 0 ] && break
  done
  fact "latency_${frames}_rc" "$rc"
  fact "latency_${frames}_takes" "$take"
  fact "latency_${frames}" "$(jq -c '{roundTripSamples, bufferSamples, restSamples, inputLatencySamples, outputLatencySamples, worstCorrelation, repeatSamples, device, hostApi}' "$OUT/latency-$frames.json" 2>/dev/null)"
  fact "latency_${frames}_error" "$(tail -n 1 "$OUT/latency-$frames.txt")"
done
eventually 10 playing; fact playing_after_latency $?
rm -f /etc/asound.conf
