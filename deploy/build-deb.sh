#!/usr/bin/env bash
# Builds the gru-pedal Debian package: the self-contained program compiled ahead of time, its systemd unit,
# a default configuration (a conffile), and maintainer scripts that create the user and folders.
#
#   deploy/build-deb.sh [--arch arm64|amd64] [--mode aot|r2r] [--version VERSION] [--out DIR]
#                       [--reuse-publish] [--keep-stage]
#
#   --arch      Debian architecture: arm64 (the Pi, cross-compiled here; default) or amd64 (tests, PCs)
#   --mode      aot: NativeAOT, no JIT at all (default); r2r: ReadyToRun with tiered compilation off,
#               the fallback when NativeAOT cannot build (the runtime is then JIT-capable, so the unit's
#               MemoryDenyWriteExecute= is lifted by a drop-in)
#   --version   package version (default: deploy/VERSION + the commit's date and hash)
#   --out       where the .deb goes (default: artifacts/deploy)
#   --reuse-publish  package the last published program for this arch and mode without publishing again
#   --config FILE    the default configuration to ship (default: deploy/config.json; tests build a second version)
#
# Prints the path of the .deb on its last line of output.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
arch=arm64
mode=aot
version=
out="$repo/artifacts/deploy"
reuse=0
keep_stage=0
default_config="$here/config.json"

die() { echo "build-deb.sh: $*" >&2; exit 1; }

while (($#)); do
  case "$1" in
    --arch) arch=${2:?}; shift 2 ;;
    --mode) mode=${2:?}; shift 2 ;;
    --version) version=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    --reuse-publish) reuse=1; shift ;;
    --keep-stage) keep_stage=1; shift ;;
    --config) default_config=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

case "$arch" in
  arm64) rid=linux-arm64; elf_machine=AArch64 ;;
  amd64) rid=linux-x64; elf_machine='X86-64' ;;
  *) die "--arch must be arm64 or amd64, not '$arch'" ;;
esac
case "$mode" in aot|r2r) ;; *) die "--mode must be aot or r2r, not '$mode'" ;; esac

for tool in dotnet dpkg-deb readelf; do
  command -v "$tool" >/dev/null || die "'$tool' is missing (see test.sh for the packages to install)"
done
if [[ $mode == aot && $arch == arm64 && $(uname -m) != aarch64 ]]; then
  for tool in clang ld.lld aarch64-linux-gnu-objcopy; do
    command -v "$tool" >/dev/null ||
      die "'$tool' is missing: NativeAOT cross-compilation needs clang lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross"
  done
  [[ -e /usr/aarch64-linux-gnu/lib/Scrt1.o ]] || die "libc6-dev-arm64-cross is missing (no Scrt1.o)"
fi

if [[ -z $version ]]; then
  base=$(tr -d '[:space:]' < "$here/VERSION")
  if git -C "$repo" rev-parse --git-dir >/dev/null 2>&1; then
    stamp=$(TZ=UTC git -C "$repo" log -1 --date=format-local:%Y%m%d%H%M%S --format=%cd)
    hash=$(git -C "$repo" rev-parse --short=8 HEAD)
    version="$base+git$stamp.$hash"
  else
    version="$base"
  fi
fi
[[ $version =~ ^[0-9][A-Za-z0-9.+~-]*$ ]] || die "'$version' is not a Debian version"

publish="$repo/artifacts/deploy/publish/$rid-$mode"
stage="$repo/artifacts/deploy/stage/$arch-$mode"
mkdir -p "$out"

if ((reuse)); then
  [[ -x $publish/gru-pedal ]] || die "--reuse-publish: nothing published in $publish yet"
else
  echo "build-deb.sh: publishing $rid ($mode), version $version" >&2
  start=$SECONDS
  rm -rf "$publish"
  # Global properties flow to Dsp and Hardware too; GruPublishMode is only read by the Firmware project.
  # Each mode builds in its own obj/bin folders (relative to each project), so switching never mixes them.
  dotnet publish "$repo/src/Firmware/GruPedalPi.Firmware.csproj" -c Release -r "$rid" --self-contained \
    -p:GruPublishMode="$mode" -p:InformationalVersion="$version" \
    -p:IncludeSourceRevisionInInformationalVersion=false \
    -p:IntermediateOutputPath="obj/publish/$rid-$mode/" -p:OutputPath="bin/publish/$rid-$mode/" \
    -o "$publish" -nologo -v:quiet -clp:ErrorsOnly >&2
  echo "build-deb.sh: published in $((SECONDS - start)) s" >&2
fi

# The staged tree, exactly as it lands on the Pi.
rm -rf "$stage"
install -d -m 0755 "$stage/DEBIAN" "$stage/usr/lib/gru-pedal" "$stage/usr/bin" "$stage/etc/gru-pedal" \
  "$stage/lib/systemd/system" "$stage/usr/share/doc/gru-pedal"
# The program and its native libraries (SkiaSharp for plots, ...); no debug symbols or PDBs.
(cd "$publish" && find . -type f ! -name '*.pdb' ! -name '*.dbg' ! -name '*.xml' -print0) |
  while IFS= read -r -d '' f; do
    if [[ $f == ./gru-pedal || $f == *.so ]]; then m=0755; else m=0644; fi
    install -D -m "$m" "$publish/$f" "$stage/usr/lib/gru-pedal/$f"
  done
ln -s ../lib/gru-pedal/gru-pedal "$stage/usr/bin/gru-pedal"
install -m 0755 "$here/record-exit" "$stage/usr/lib/gru-pedal/record-exit"
install -m 0755 "$here/install-on-pi.sh" "$stage/usr/lib/gru-pedal/install-on-pi.sh"
install -m 0644 "$repo/systemd/gru-pedal.service" "$stage/lib/systemd/system/gru-pedal.service"
if [[ $mode == r2r ]]; then
  # ReadyToRun still starts a JIT for what was not precompiled: it needs writable+executable memory.
  install -d -m 0755 "$stage/lib/systemd/system/gru-pedal.service.d"
  printf '# ReadyToRun build: the .NET JIT needs W+X memory.\n[Service]\nMemoryDenyWriteExecute=no\n' \
    > "$stage/lib/systemd/system/gru-pedal.service.d/readytorun.conf"
fi
[[ -f $default_config ]] || die "--config: no such file: $default_config"
install -m 0644 "$default_config" "$stage/etc/gru-pedal/config.json"
install -m 0644 "$here/debian/copyright" "$stage/usr/share/doc/gru-pedal/copyright"

# Check what was built before packaging it.
file_machine=$(readelf -h "$stage/usr/lib/gru-pedal/gru-pedal" | sed -n 's/^ *Machine: *//p')
[[ $file_machine == *"$elf_machine"* ]] || die "the program is built for '$file_machine', not $arch"

# Depends: libc6 at least as new as the newest GLIBC_ symbol version any ELF file needs.
glibc=$(find "$stage/usr/lib/gru-pedal" -type f \( -name gru-pedal -o -name '*.so' \) -exec readelf -V {} + 2>/dev/null |
  grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -u -V | tail -n 1)
[[ -n $glibc ]] || die "could not read the GLIBC versions the program needs"

size_kb=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size_kb/" -e "s/@GLIBC@/$glibc/" \
  "$here/debian/control.in" > "$stage/DEBIAN/control"
printf '/etc/gru-pedal/config.json\n' > "$stage/DEBIAN/conffiles"
for script in postinst prerm postrm; do
  install -m 0755 "$here/debian/$script" "$stage/DEBIAN/$script"
done
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) \
  > "$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/md5sums" "$stage/DEBIAN/conffiles" "$stage/DEBIAN/control"

deb="$out/gru-pedal_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >&2
((keep_stage)) || rm -rf "$stage"
echo "build-deb.sh: $(du -h "$deb" | cut -f1) $deb" >&2
echo "$deb"
