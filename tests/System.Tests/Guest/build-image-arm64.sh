#!/usr/bin/env bash
# Builds the arm64 Debian 12 guest (the Pi's architecture) that the system tests boot under
# qemu-system-aarch64 (-M virt -cpu cortex-a72, TCG): a minimal bookworm with systemd, Debian's arm64 kernel,
# ALSA and PortAudio, the ALSA loopback card as the sound card, and the same boot-time runner as the amd64 guest.
# No GPIO or SPI stand-ins: the arm64 guest checks that the arm64 package installs, boots to sound and renders
# what amd64 renders; the hardware paths are the amd64 guest's.
#
#   build-image-arm64.sh OUTDIR      -> OUTDIR/root.img (ext4, raw), vmlinuz, initrd.img, kernel-version
#
# Runs as root on a Debian 12 host with debootstrap, e2fsprogs, qemu-user-static and binfmt-support (test.sh
# installs them): debootstrap's second stage runs the arm64 maintainer scripts under qemu-user through
# binfmt_misc (mounted here when it is not, and the qemu-aarch64 entry enabled only for the build). Needs the
# Debian mirror (GRU_PEDAL_DEBIAN_MIRROR, default deb.debian.org). About 4 to 6 minutes on 2 cores.
set -euo pipefail
out=${1:?usage: build-image-arm64.sh OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
mirror=${GRU_PEDAL_DEBIAN_MIRROR:-http://deb.debian.org/debian}
work="$out/work"
root="$work/rootfs"
t0=$SECONDS
step() { echo "build-image-arm64: $* ($((SECONDS - t0)) s)"; }

[[ $(id -u) -eq 0 ]] || { echo "build-image-arm64.sh: must run as root (debootstrap, chroot, binfmt_misc)" >&2; exit 1; }
for tool in debootstrap mke2fs update-binfmts; do
  command -v "$tool" >/dev/null || { echo "build-image-arm64.sh: '$tool' is missing (./test.sh installs it)" >&2; exit 1; }
done
[[ -x /usr/bin/qemu-aarch64-static ]] || { echo "build-image-arm64.sh: qemu-aarch64-static is missing (package qemu-user-static)" >&2; exit 1; }
rm -rf "$work"; mkdir -p "$work"

step "debootstrap bookworm arm64, first stage"
debootstrap --foreign --arch=arm64 --variant=minbase \
  --include=systemd,systemd-sysv,udev,kmod,linux-image-arm64,alsa-utils,libgpiod2,libportaudio2,jq,libfontconfig1,fonts-dejavu-core \
  bookworm "$root" "$mirror" > "$work/debootstrap.log" 2>&1 || { tail -30 "$work/debootstrap.log" >&2; exit 1; }

# The kernel's postinst builds an initramfs; the default one (MODULES=most) takes more than 9 minutes under
# qemu-user. Only what mounts an ext4 root on virtio-blk (PCI, as the virt machine gives it) goes in.
mkdir -p "$root/etc/initramfs-tools/conf.d"
echo MODULES=list > "$root/etc/initramfs-tools/conf.d/zz-system-test.conf"
printf 'virtio_pci\nvirtio_blk\nvirtio_mmio\next4\n' > "$root/etc/initramfs-tools/modules"

step "second stage under qemu-user"
mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
[[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]] || update-binfmts --import qemu-aarch64 >/dev/null 2>&1 || true
update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
grep -q '^enabled' /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null \
  || { echo "build-image-arm64.sh: binfmt_misc has no enabled qemu-aarch64 entry (qemu-user-static, binfmt-support)" >&2; exit 1; }
chroot "$root" /debootstrap/debootstrap --second-stage > "$work/second-stage.log" 2>&1 || { tail -30 "$work/second-stage.log" >&2; exit 1; }
kver=$(ls "$root/lib/modules" | sort -V | tail -n 1)
step "kernel $kver"

step "customise the root"
echo pedal-test-arm64 > "$root/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 pedal-test-arm64\n' > "$root/etc/hosts"
echo '# root is mounted rw by the kernel (root=/dev/vda rw)' > "$root/etc/fstab"
ln -sf /lib/systemd/system/multi-user.target "$root/etc/systemd/system/default.target"
for unit in apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer e2scrub_all.timer fstrim.timer \
            e2scrub_reap.service getty@tty1.service getty-static.service systemd-pstore.service; do
  ln -sf /dev/null "$root/etc/systemd/system/$unit"
done
rm -f "$root/etc/systemd/system/timers.target.wants/"* "$root/etc/systemd/system/getty.target.wants/getty@tty1.service"
chroot "$root" passwd -d root >/dev/null
# Raspberry Pi OS has these groups (the package puts its user in them); Debian does not.
for group in gpio spi i2c; do chroot "$root" groupadd --system "$group"; done
# The sound card, present at boot (a HAT's overlay on a Pi).
echo snd-aloop > "$root/etc/modules-load.d/pedal-hardware.conf"
install -m 0755 "$here/image/vmtest-run" "$root/usr/local/sbin/vmtest-run"
install -m 0644 "$here/image/vmtest.service" "$root/etc/systemd/system/vmtest.service"
ln -sf /etc/systemd/system/vmtest.service "$root/etc/systemd/system/multi-user.target.wants/vmtest.service"
mkdir -p "$root/var/log/journal"
rm -rf "$root/var/cache/apt/archives/"*.deb

step "image"
rm -f "$out/root.img.tmp"
mke2fs -q -t ext4 -L pedalroot -d "$root" "$out/root.img.tmp" 2G
cp "$root/boot/initrd.img-$kver" "$out/initrd.img"
cp "$root/boot/vmlinuz-$kver" "$out/vmlinuz"
echo "$kver" > "$out/kernel-version"
mv "$out/root.img.tmp" "$out/root.img"
rm -rf "$work"
step "done"
