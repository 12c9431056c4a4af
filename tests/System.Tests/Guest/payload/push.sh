#!/bin/sh
# Boot 5: a developer's update over SSH. The guest starts its network (qemu's user mode) and sshd, authorises the
# test's key for "pi" (passwordless sudo, as on Raspberry Pi OS) and says so on the console; the host then runs
# deploy/push.sh --deb against 127.0.0.1 (port 22 forwarded) and, when it is done, writes its exit code to
# /run/push-done over SSH. The package was purged at the end of boot 4, so this is a first install.
OUT=$1; . ./lib.sh
log "boot 5"
fact version_before "$(dpkg-query -W -f='${db:Status-Abbrev}${Version}' gru-pedal 2>/dev/null)"
install -d -m 0700 -o pi -g pi /home/pi/.ssh
install -m 0600 -o pi -g pi authorized_keys /home/pi/.ssh/authorized_keys
systemctl start systemd-networkd; fact networkd_rc $?
[ -e /etc/ssh/ssh_host_ed25519_key ] || ssh-keygen -A
systemctl start ssh.service; fact sshd_rc $?
eventually 30 sh -c 'ss -H -tln | grep -q ":22 "'; fact sshd_listening $?
fact address "$(ip -4 -o addr show | awk '$2 != "lo" {print $4}' | tr '\n' ' ')"
log "ready for push.sh"
printf '\n@@ push-ready\n' > /dev/ttyS0
eventually 900 test -f /run/push-done; fact push_done $?
fact push_rc "$(cat /run/push-done 2>/dev/null)"
fact version_after "$(dpkg-query -W -f='${Version}' gru-pedal 2>/dev/null)"
fact active_after "$(systemctl is-active gru-pedal.service)"
eventually 60 playing; fact playing_after_push $?
fact pi_groups "$(id -nG pi)"
runuser -u pi -- gru-pedal status > "$OUT/pi-status.txt" 2>&1; fact pi_status_rc $?
fact push_folders_left "$(ls -d /tmp/gru-pedal-push.* 2>/dev/null | wc -l)"
fact ssh_sessions "$(journalctl -b -u ssh -o cat | grep -c 'Accepted publickey for pi')"
save_logs
