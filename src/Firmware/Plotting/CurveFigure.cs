using System.Globalization;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Offline;
using GruPedalPi.Firmware.Signals;
using ScottPlot;

namespace GruPedalPi.Firmware.Plotting;

/// <summary>
/// The seed's dynamic curve: a sine through the raw unit from rest, output against input, one line per value of the
/// swept parameter. Because the unit has memory, each line is a loop (the rising and falling halves differ).
/// </summary>
public static class CurveFigure
{
    /// <summary>The seed's sine: 100 Hz at 44.1 kHz, 10 periods (4410 samples).</summary>
    public const double DefaultFrequencyHz = 100;

    /// <summary>The seed's sample rate in Hz.</summary>
    public const double DefaultSampleRateHz = 44100;

    /// <summary>The seed's length in samples.</summary>
    public const int DefaultSamples = 4410;

    /// <summary>Computes the curve: the input sine and the unit's output, from rest.</summary>
    /// <param name="settings">The unit's parameters (only wf, wh, uf, uh, bf are used).</param>
    /// <param name="gain">Sine amplitude (the seed: 8 for the Wh figure, 1.5 for the others).</param>
    /// <param name="frequencyHz">Sine frequency in Hz.</param>
    /// <param name="sampleRateHz">Sample rate in Hz.</param>
    /// <param name="samples">Length in samples.</param>
    public static (float[] Input, float[] Output) Compute(in PedalSettings settings, double gain,
        double frequencyHz = DefaultFrequencyHz, double sampleRateHz = DefaultSampleRateHz, int samples = DefaultSamples)
    {
        var x = SineSignal.Create(gain, frequencyHz, sampleRateHz, samples);
        var y = (float[])x.Clone();
        new RawUnit(settings).Process(y);
        return (x, y);
    }

    /// <summary>Draws the curve for each value of <paramref name="sweep"/> (or just <paramref name="settings"/> when null)
    /// and saves it as a PNG.</summary>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="settings">The fixed parameters.</param>
    /// <param name="sweep">The parameter to vary and its values, or null for one line.</param>
    /// <param name="gain">Sine amplitude.</param>
    /// <param name="title">Title, or null for "GRU Distortion with Varying X" (or the settings).</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public static void Save(string path, in PedalSettings settings, ParameterSweep? sweep, double gain, string? title,
        int width = FigureStyle.DefaultWidth, int height = FigureStyle.DefaultHeight)
    {
        var plot = new Plot();
        FigureStyle.Apply(plot, title ?? DefaultTitle(settings, sweep), "Input Gain", "Output Gain");
        var values = sweep?.Values ?? [float.NaN];
        for (int i = 0; i < values.Count; i++)
        {
            var s = settings;
            if (sweep is not null)
            {
                s[sweep.Parameter] = values[i];
            }

            var (x, y) = Compute(s, gain);
            var line = plot.Add.ScatterLine(Array.ConvertAll(x, v => (double)v), Array.ConvertAll(y, v => (double)v));
            line.Color = FigureStyle.Palette[i % FigureStyle.Palette.Count];
            line.LineWidth = 1.5f;
            if (sweep is not null)
            {
                line.LegendText = $"{SeedName(sweep.Parameter)} = {ParameterText.Format(values[i])}";
            }
        }

        if (sweep is not null)
        {
            plot.ShowLegend(Alignment.UpperLeft);
        }

        FigureStyle.SavePng(plot, path, width, height);
    }

    /// <summary>The seed's spelling of a unit parameter: Wf, Wh, Uf, Uh, bf.</summary>
    public static string SeedName(ParameterId id) => id == ParameterId.Bf ? "bf" : id.ToString();

    /// <summary>"wf=0.5 wh=1 uf=0.5 uh=0.5 bf=0".</summary>
    public static string Describe(in PedalSettings settings)
    {
        var s = settings;
        return string.Join(' ', Parameters.All.Where(p => ParameterText.IsUnitParameter(p.Id))
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}={ParameterText.Format(s[p.Id])}")));
    }

    private static string DefaultTitle(in PedalSettings settings, ParameterSweep? sweep) =>
        sweep is not null ? $"GRU Distortion with Varying {SeedName(sweep.Parameter)}" : $"GRU Distortion ({Describe(settings)})";
}
