using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace GruPedalPi.Firmware.Benchmarks;

/// <summary>Which build is running, for <c>gru-pedal bench</c>: JIT or NativeAOT, the architecture, and the instruction
/// sets the running code may use (under the JIT: what this CPU has; under NativeAOT: what the build was compiled for).</summary>
/// <param name="Compilation">"JIT" (the code is compiled at run time, tiered, with dynamic PGO unless turned off) or "NativeAOT".</param>
/// <param name="Architecture">The process architecture: "x64" or "arm64" (others as .NET names them).</param>
/// <param name="InstructionSets">The instruction-set features in use, in the names of the platform's documentation
/// (x64: SSE4.2, AVX, AVX2, FMA, BMI2, AVX-512F...; arm64: AdvSIMD, CRC32, AES, SHA256, LSE, DotProd, RDM...).</param>
/// <param name="VectorBits">Width of <see cref="System.Numerics.Vector{T}"/> in bits.</param>
public sealed record BuildInfo(string Compilation, string Architecture, IReadOnlyList<string> InstructionSets, int VectorBits)
{
    /// <summary>The running build.</summary>
    public static BuildInfo Current { get; } = Detect();

    /// <summary>One line for people, e.g. "NativeAOT, x64, SSE4.2 AVX AVX2 FMA BMI2 (Vector&lt;T&gt; 256-bit)".</summary>
    public string Describe() =>
        $"{Compilation}, {Architecture}, {string.Join(' ', InstructionSets)} (Vector<T> {VectorBits}-bit)";

    private static BuildInfo Detect()
    {
        string compilation = RuntimeFeature.IsDynamicCodeCompiled ? "JIT" : "NativeAOT";
        var arch = RuntimeInformation.ProcessArchitecture;
        var sets = new List<string>();
        if (arch == System.Runtime.InteropServices.Architecture.X64)
        {
            Add(sets, Sse42.IsSupported, "SSE4.2");
            Add(sets, Popcnt.IsSupported, "POPCNT");
            Add(sets, Avx.IsSupported, "AVX");
            Add(sets, Avx2.IsSupported, "AVX2");
            Add(sets, Fma.IsSupported, "FMA");
            Add(sets, Bmi2.IsSupported, "BMI2");
            Add(sets, Lzcnt.IsSupported, "LZCNT");
            Add(sets, Avx512F.IsSupported, "AVX-512F");
            Add(sets, Avx512BW.IsSupported, "AVX-512BW");
            Add(sets, AvxVnni.IsSupported, "AVX-VNNI");
        }
        else if (arch == System.Runtime.InteropServices.Architecture.Arm64)
        {
            Add(sets, AdvSimd.IsSupported, "AdvSIMD");
            Add(sets, Crc32.IsSupported, "CRC32");
            Add(sets, System.Runtime.Intrinsics.Arm.Aes.IsSupported, "AES");
            Add(sets, Sha256.IsSupported, "SHA256");
            Add(sets, ArmBase.Arm64.IsSupported && Rdm.IsSupported, "RDM");
            Add(sets, Dp.IsSupported, "DotProd");
        }

        if (sets.Count == 0)
        {
            sets.Add("baseline");
        }

        return new BuildInfo(compilation, arch.ToString().ToLowerInvariant(), sets, System.Numerics.Vector<byte>.Count * 8);
    }

    private static void Add(List<string> sets, bool supported, string name)
    {
        if (supported)
        {
            sets.Add(name);
        }
    }
}
