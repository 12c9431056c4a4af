using System.Globalization;

namespace GruPedalPi.Dsp.Tests;

/// <summary>One reference set from Data/gru: the seed's formula in double precision on a known input.</summary>
public sealed record ReferenceSet(string Name, float Wf, float Wh, float Uf, float Uh, float Bf, float[] X, double[] Y)
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Data", "gru");

    public static IEnumerable<string> Names()
    {
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.csv").OrderBy(f => f, StringComparer.Ordinal))
        {
            yield return Path.GetFileNameWithoutExtension(file);
        }
    }

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names())
        {
            data.Add(name);
        }

        return data;
    }

    public static ReferenceSet Load(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, name + ".csv"));
        var header = new Dictionary<string, string>();
        foreach (var token in lines[0].TrimStart('#').Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = token.Split('=');
            header[kv[0]] = kv[1];
        }

        float P(string key) => float.Parse(header[key], CultureInfo.InvariantCulture);
        var x = new List<float>();
        var y = new List<double>();
        foreach (var line in lines.Skip(2))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(',');
            x.Add((float)double.Parse(parts[1], CultureInfo.InvariantCulture));
            y.Add(double.Parse(parts[2], CultureInfo.InvariantCulture));
        }

        return new ReferenceSet(name, P("wf"), P("wh"), P("uf"), P("uh"), P("bf"), x.ToArray(), y.ToArray());
    }
}
