using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GruPedalPi.Dsp;

/// <summary>
/// Vector kernels for the filters. Vector128 is used on purpose (SSE on x64, NEON on the Pi's arm64): the same
/// lane count and summation order on both, so a render on a PC and the pedal compute the filters identically. The
/// products are accumulated with fused multiply-adds (FMLA on the Pi, VFMADD on x86-64-v3): one rounding per tap and
/// half the instructions of a multiply and an add.
/// </summary>
public static class VectorMath
{
    /// <summary>Dot product of two spans of equal length, summed in an order fixed by the length alone
    /// (so the result never depends on where the data sits or how a stream was split into blocks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = a.Length;
        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float pb = ref MemoryMarshal.GetReference(b);
        int i = 0;
        var acc0 = Vector128<float>.Zero;
        var acc1 = Vector128<float>.Zero;
        for (; i <= n - 8; i += 8)
        {
            acc0 = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref pa, (nuint)i), Vector128.LoadUnsafe(ref pb, (nuint)i), acc0);
            acc1 = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref pa, (nuint)(i + 4)), Vector128.LoadUnsafe(ref pb, (nuint)(i + 4)), acc1);
        }

        if (i <= n - 4)
        {
            acc0 = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref pa, (nuint)i), Vector128.LoadUnsafe(ref pb, (nuint)i), acc0);
            i += 4;
        }

        float sum = Vector128.Sum(acc0 + acc1);
        for (; i < n; i++)
        {
            sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref pa, i), Unsafe.Add(ref pb, i), sum);
        }

        return sum;
    }
}
