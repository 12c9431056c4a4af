#!/usr/bin/env bash
# Builds the Debian 12 guest that the system tests boot under qemu (TCG): a minimal bookworm with systemd,
# Debian's kernel, ALSA, libgpiod and PortAudio, stand-ins for the Pi's hardware (snd-aloop as the sound card,
# gpio-sim as the GPIO header, an SPI controller that answers like an MCP3008 behind spidev), and a boot-time
# runner that executes a payload and powers off.
#
#   build-image.sh OUTDIR      -> OUTDIR/root.img (ext4, raw), vmlinux (PVH entry), initrd.img, kernel-version
#
# Runs as root on a Debian 12 host with debootstrap, e2fsprogs, gcc, make and xz-utils (test.sh installs them).
# Needs the Debian mirror (GRU_PEDAL_DEBIAN_MIRROR, default deb.debian.org). About 2 minutes on 2 cores.
set -euo pipefail
out=${1:?usage: build-image.sh OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
mirror=${GRU_PEDAL_DEBIAN_MIRROR:-http://deb.debian.org/debian}
work="$out/work"
root="$work/rootfs"
t0=$SECONDS
step() { echo "build-image: $* ($((SECONDS - t0)) s)"; }

[[ $(id -u) -eq 0 ]] || { echo "build-image.sh: must run as root (debootstrap, chroot)" >&2; exit 1; }
for tool in debootstrap mke2fs gcc make xz python3; do
  command -v "$tool" >/dev/null || { echo "build-image.sh: '$tool' is missing (./test.sh installs it)" >&2; exit 1; }
done
rm -rf "$work"; mkdir -p "$work"

step "debootstrap bookworm"
debootstrap --variant=minbase \
  --include=systemd,systemd-sysv,udev,kmod,linux-image-amd64,alsa-utils,gpiod,libgpiod2,libportaudio2,iproute2,jq,libfontconfig1,fonts-dejavu-core,openssh-server,openssh-sftp-server,sudo \
  bookworm "$root" "$mirror" > "$work/debootstrap.log" 2>&1 || { tail -30 "$work/debootstrap.log" >&2; exit 1; }
kver=$(ls "$root/lib/modules" | sort -V | tail -n 1)
srcver=$(chroot "$root" dpkg-query -W -f='${Version}' "linux-image-$kver")
step "kernel $kver ($srcver)"

step "out-of-tree modules"
"$here/modules/build-modules.sh" "$kver" "$srcver" "$work/modules"

step "customise the root"
echo pedal-test > "$root/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 pedal-test\n' > "$root/etc/hosts"
echo '# root is mounted rw by the kernel (root=/dev/vda rw)' > "$root/etc/fstab"
ln -sf /lib/systemd/system/multi-user.target "$root/etc/systemd/system/default.target"
# What a test boot does not need (timers, the local console's getty, pstore).
for unit in apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer e2scrub_all.timer fstrim.timer \
            e2scrub_reap.service getty@tty1.service getty-static.service systemd-pstore.service; do
  ln -sf /dev/null "$root/etc/systemd/system/$unit"
done
rm -f "$root/etc/systemd/system/timers.target.wants/"* "$root/etc/systemd/system/getty.target.wants/getty@tty1.service"
chroot "$root" passwd -d root >/dev/null
# SSH for push.sh from the host (boot 5 starts it; the other boots do without). A Pi's first login, "pi", with
# passwordless sudo as Raspberry Pi OS gives it; the test's public key is authorised by the payload that uses it.
rm -f "$root/etc/systemd/system/multi-user.target.wants/ssh.service" "$root/etc/systemd/system/sshd.service"
ln -sf /dev/null "$root/etc/systemd/system/ssh.socket"
chroot "$root" useradd --create-home --shell /bin/bash pi
echo 'pi ALL=(ALL) NOPASSWD: ALL' > "$root/etc/sudoers.d/010_pi-nopasswd"; chmod 0440 "$root/etc/sudoers.d/010_pi-nopasswd"
# The host's user-mode network (qemu -netdev user): the guest is 10.0.2.15, the host 10.0.2.2.
printf '[Match]\nName=en* eth*\n\n[Network]\nAddress=10.0.2.15/24\nGateway=10.0.2.2\n' > "$root/etc/systemd/network/10-qemu-user.network"
# Raspberry Pi OS has these groups and gives them the SPI, I2C and GPIO devices; Debian does not.
for group in gpio spi i2c; do chroot "$root" groupadd --system "$group"; done
install -m 0644 "$here/image/60-pi-devices.rules" "$root/etc/udev/rules.d/60-pi-devices.rules"
# The Pi's hardware, present at boot: the sound card (a HAT's overlay), GPIO header and the knobs' ADC.
install -m 0644 "$here/image/pedal-hardware.conf" "$root/etc/modules-load.d/pedal-hardware.conf"
install -m 0755 "$here/image/pedal-gpio-header" "$root/usr/local/sbin/pedal-gpio-header"
install -m 0644 "$here/image/pedal-gpio-header.service" "$root/etc/systemd/system/pedal-gpio-header.service"
ln -sf /etc/systemd/system/pedal-gpio-header.service "$root/etc/systemd/system/sysinit.target.wants/pedal-gpio-header.service"
# Contact bounce faster than a shell can make it (same glibc as the host: both are bookworm).
gcc -O2 -Wall -o "$root/usr/local/bin/gpio-bounce" "$here/image/gpio-bounce.c"
# The boot-time test runner.
install -m 0755 "$here/image/vmtest-run" "$root/usr/local/sbin/vmtest-run"
install -m 0644 "$here/image/vmtest.service" "$root/etc/systemd/system/vmtest.service"
ln -sf /etc/systemd/system/vmtest.service "$root/etc/systemd/system/multi-user.target.wants/vmtest.service"
# Journal on disk (the tests read the previous boot's too).
mkdir -p "$root/var/log/journal"
mkdir -p "$root/lib/modules/$kver/updates"
for m in "$work/modules/"*.ko; do strip --strip-debug -o "$root/lib/modules/$kver/updates/$(basename "$m")" "$m"; done
chroot "$root" depmod -a "$kver"
# A small initramfs: only what mounts an ext4 root on virtio-blk.
sed -i 's/^MODULES=.*/MODULES=list/' "$root/etc/initramfs-tools/initramfs.conf"
printf 'virtio_pci\nvirtio_blk\next4\n' > "$root/etc/initramfs-tools/modules"
chroot "$root" update-initramfs -u -k "$kver" > "$work/initramfs.log" 2>&1
rm -rf "$root/var/cache/apt/archives/"*.deb

step "image"
rm -f "$out/root.img.tmp"
mke2fs -q -t ext4 -L pedalroot -d "$root" "$out/root.img.tmp" 3G
cp "$root/boot/initrd.img-$kver" "$out/initrd.img"
python3 "$here/extract-vmlinux.py" "$root/boot/vmlinuz-$kver" "$out/vmlinux"
echo "$kver" > "$out/kernel-version"
mv "$out/root.img.tmp" "$out/root.img"
rm -rf "$work"
step "done"
