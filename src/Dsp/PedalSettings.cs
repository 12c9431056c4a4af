namespace GruPedalPi.Dsp;

/// <summary>
/// The values of every continuous parameter, as one unmanaged value (safe to copy to the audio thread).
/// Indexed by <see cref="ParameterId"/>; ranges are in <see cref="Parameters"/>.
/// </summary>
public struct PedalSettings
{
    private ParameterArray _values;

    /// <summary>The built-in defaults: the original plugin's unit, every other stage neutral.</summary>
    public static PedalSettings Defaults
    {
        get
        {
            var s = default(PedalSettings);
            foreach (var p in Parameters.All)
            {
                s[p.Id] = p.Default;
            }

            return s;
        }
    }

    /// <summary>Gets or sets one parameter's value.</summary>
    public float this[ParameterId id]
    {
        readonly get => _values[(int)id];
        set => _values[(int)id] = value;
    }

    [System.Runtime.CompilerServices.InlineArray(Parameters.Count)]
    private struct ParameterArray
    {
        private float _element0;
    }
}
