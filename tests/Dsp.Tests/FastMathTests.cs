namespace GruPedalPi.Dsp.Tests;

public sealed class FastMathTests
{
    // Dense sweeps: 4 million points over each range (every float near 0 would be overkill; the approximations are
    // smooth, so errors between sweep points cannot exceed the sweep's by more than rounding).
    private const int Points = 4_000_000;

    [Fact]
    public void Fast_tanh_stays_within_its_documented_error_over_every_range()
    {
        double max = 0;
        for (int i = 0; i <= Points; i++)
        {
            float x = -12f + (24f * i / Points);
            max = Math.Max(max, Math.Abs(FastMath.Tanh(x) - Math.Tanh(x)));
        }

        Assert.True(max <= FastMath.TanhMaxAbsError, $"max error {max:E3}");
        Assert.Equal(1f, FastMath.Tanh(1e30f));
        Assert.Equal(-1f, FastMath.Tanh(float.NegativeInfinity));
        Assert.True(float.IsFinite(FastMath.Tanh(float.NaN)));
    }

    [Fact]
    public void Fast_tanh_keeps_its_relative_accuracy_near_zero()
    {
        // Quiet signals must not be distorted by the approximation: relative error below 3e-7 for |x| < 0.01
        // (the fit's 1e-7 at 0 plus three float roundings of 6e-8).
        for (int i = 1; i <= 10000; i++)
        {
            float x = 1e-2f * i / 10000;
            Assert.True(Math.Abs((FastMath.Tanh(x) / Math.Tanh(x)) - 1) < 3e-7, $"x={x}");
        }
    }

    [Fact]
    public void Fast_sigmoid_stays_within_its_documented_error()
    {
        double max = 0;
        for (int i = 0; i <= Points; i++)
        {
            float x = -40f + (80f * i / Points);
            double exact = 1 / (1 + Math.Exp(-(double)x));
            float y = FastMath.Sigmoid(x);
            Assert.InRange(y, -FastMath.SigmoidMaxAbsError, 1f + FastMath.SigmoidMaxAbsError);
            max = Math.Max(max, Math.Abs(y - exact));
        }

        Assert.True(max <= FastMath.SigmoidMaxAbsError, $"max error {max:E3}");
    }

    [Fact]
    public void Fast_exp2_stays_within_its_documented_relative_error()
    {
        double max = 0;
        for (int i = 0; i <= Points; i++)
        {
            float x = -126f + (252f * i / Points);
            double exact = Math.Pow(2, x);
            max = Math.Max(max, Math.Abs((FastMath.Exp2(x) / exact) - 1));
        }

        Assert.True(max <= FastMath.Exp2MaxRelError, $"max relative error {max:E3}");
    }

    [Fact]
    public void Fast_log2_stays_within_its_documented_error_over_all_normal_floats()
    {
        double max = 0;
        for (int i = 0; i <= Points; i++)
        {
            // Log-spaced from the smallest normal float to 1e38.
            double x = Math.Pow(2, -126 + (252.0 * i / Points));
            double exact = Math.Log2((float)x);
            double bound = FastMath.Log2MaxAbsError + (FastMath.Log2MaxRelError * Math.Abs(exact));
            max = Math.Max(max, Math.Abs(FastMath.Log2((float)x) - exact) / bound);
        }

        Assert.True(max <= 1, $"max error {max:F3} of the documented bound");
    }

    [Fact]
    public void The_fast_voiced_pole_matches_the_exact_one()
    {
        // F = f^(1/k) over the gate's whole range and the factors the chain uses (k from 0.9 to 8.7): relative error
        // below 2e-6, tiny against the 1 dB voicing tolerance.
        double max = 0;
        foreach (float invK in new[] { 1f / 0.91875f, 0.5f, 0.25f, 0.125f, 1f / 8.7f })
        {
            for (int i = 0; i <= 200000; i++)
            {
                float z = -30f + (60f * i / 200000);
                float f = FastMath.Sigmoid(z);
                if (f < 1e-30f)
                {
                    continue;
                }

                double exact = Math.Pow(f, invK);
                max = Math.Max(max, Math.Abs((FastMath.PowUnit(f, invK) / exact) - 1));
            }
        }

        Assert.True(max < 2e-6, $"max relative error {max:E3}");
    }
}
