#!/usr/bin/env bash
# Builds the guest's out-of-tree kernel modules against Debian's headers for its kernel:
#   gpio-sim.ko      the kernel's own GPIO simulator (drivers/gpio/gpio-sim.c from linux-source of the same
#                    version, with irq_sim.c linked in): no Debian 12 kernel ships it
#   mcp3008-sim.ko   a software SPI controller whose chip select 0 answers like an MCP3008 (mcp3008-sim.c)
#
#   build-modules.sh KVER SRCVER OUTDIR
set -euo pipefail
kver=${1:?kernel ABI, e.g. 6.1.0-50-amd64}; srcver=${2:?Debian version, e.g. 6.1.176-1}; out=${3:?outdir}
here=$(cd "$(dirname "$0")" && pwd)
headers=/usr/src/linux-headers-$kver
mkdir -p "$out"; out=$(cd "$out" && pwd)
if [[ ! -d $headers ]]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "linux-headers-$kver" >/dev/null
fi
major=${srcver%%.*}; minor=${srcver#*.}; minor=${minor%%.*}
series="$major.$minor"
cd "$out"
[[ -f linux-source.deb ]] || { apt-get download -q "linux-source-$series=$srcver" >/dev/null && mv linux-source-*.deb linux-source.deb; }
mkdir -p src
dpkg-deb --fsys-tarfile linux-source.deb | tar -xO "./usr/src/linux-source-$series.tar.xz" | xz -dc -T0 |
  tar -x -C src --strip-components=1 "linux-source-$series/drivers/gpio/gpio-sim.c" \
    "linux-source-$series/drivers/gpio/gpiolib.h" "linux-source-$series/kernel/irq/irq_sim.c"

rm -rf gpio-sim && mkdir gpio-sim
cp src/drivers/gpio/gpio-sim.c gpio-sim/gpio-sim-main.c
cp src/drivers/gpio/gpiolib.h src/kernel/irq/irq_sim.c gpio-sim/
# irq_to_desc() is not exported to modules in 6.1; generic_handle_irq() does the same for these interrupts.
sed -i 's/handle_simple_irq(irq_to_desc(irqnum));/generic_handle_irq(irqnum);/' gpio-sim/irq_sim.c
printf 'obj-m := gpio-sim.o\ngpio-sim-y := gpio-sim-main.o irq_sim.o\n' > gpio-sim/Kbuild
make -s -C "$headers" M="$out/gpio-sim" modules

rm -rf mcp3008-sim && mkdir mcp3008-sim
cp "$here/mcp3008-sim.c" mcp3008-sim/ && echo 'obj-m := mcp3008-sim.o' > mcp3008-sim/Kbuild
make -s -C "$headers" M="$out/mcp3008-sim" modules
cp gpio-sim/gpio-sim.ko mcp3008-sim/mcp3008-sim.ko "$out/"
rm -rf src gpio-sim mcp3008-sim linux-source.deb
