using System.Globalization;
using System.Text;
using GruPedalPi.Dsp;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GruPedalPi.Firmware.LiveView;

/// <summary>
/// Lays out one screen of the live view as Spectre.Console markup, one line per row: the header, the preset and
/// bypass, the input and output meters, every parameter beside its knob (two columns; a mark on a knob waiting for
/// pickup), or the tuner's note and needle while the tuner is engaged, then load, MIDI, the machine and the keys.
/// 22 rows: it fits an 80x24 terminal; a wider one gets longer meters.
/// </summary>
public sealed class MonitorView
{
    /// <summary>The narrowest layout, 80 columns.</summary>
    public const int MinimumWidth = 80;

    /// <summary>The meters' scale: -60..0 dBFS.</summary>
    public const double MeterFloorDbfs = -60;

    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private readonly bool _unicode;

    /// <summary>Creates a view.</summary>
    /// <param name="unicode">True to draw with block characters; false for plain ASCII (a terminal without UTF-8).</param>
    public MonitorView(bool unicode) => _unicode = unicode;

    /// <summary>The mark beside a knob that waits for pickup.</summary>
    public string PickupMark => _unicode ? "◆" : "*";

    /// <summary>The screen's lines as markup (escape-safe), <paramref name="width"/> columns or fewer each.</summary>
    /// <param name="frame">The service's frame.</param>
    /// <param name="input">The input meter's ballistics.</param>
    /// <param name="output">The output meter's ballistics.</param>
    /// <param name="width">The terminal's width, at least <see cref="MinimumWidth"/> (narrower is laid out at 80).</param>
    /// <param name="message">A line for the last key's result or a problem, or null.</param>
    public IReadOnlyList<IRenderable> Lines(MonitorFrame frame, MeterBallistics input, MeterBallistics output, int width, string? message)
    {
        width = Math.Max(MinimumWidth, width);
        var lines = new List<string>(24);
        string state = frame.State switch
        {
            "playing" => "[green]playing[/]",
            "fault" => "[red]FAULT[/]",
            var s => "[yellow]" + Markup.Escape(s) + "[/]",
        };
        var up = TimeSpan.FromSeconds(Math.Max(0, frame.UptimeSeconds));
        lines.Add(string.Create(Ci, $"[bold]GruPedalPi[/] live view   {state}   {frame.SampleRateHz:0} Hz, {frame.FramesPerBuffer} frames   up {(int)up.TotalHours}:{up.Minutes:00}:{up.Seconds:00}"));
        string preset = frame.Preset is null ? "(none)" : Markup.Escape(frame.Preset);
        string position = frame.SetListCount > 0 ? string.Create(Ci, $" ({frame.SetListPosition}/{frame.SetListCount})") : "";
        string bypass = frame.Bypassed ? "[black on yellow] BYPASSED [/]" : "[black on green] EFFECT ON [/]";
        string gate = frame.GateOpen switch { true => "gate open", false => "[grey]gate closed[/]", null => "" };
        lines.Add($"preset  [bold]{preset}[/]{position}   {bypass}   {gate}" + (frame.Fault is null ? "" : "   [red]" + Markup.Escape(frame.Fault) + "[/]"));
        lines.Add("");
        int bar = width - 40;
        lines.Add(MeterLine("IN ", frame.Input, input, bar));
        lines.Add(MeterLine("OUT", frame.Output, output, bar));
        lines.Add("");
        if (frame.Tuner is { Engaged: true } tuner)
        {
            lines.AddRange(TunerLines(tuner, width));
        }
        else
        {
            lines.AddRange(ParameterLines(frame.Parameters, width));
        }

        lines.Add("");
        lines.Add(string.Create(Ci, $"load    dsp {frame.DspLoad * 100:0.0} %   p99.9 {frame.CallbackP999Us:0} us   xruns {frame.Xruns}   late {frame.LateCallbacks}"));
        lines.Add(frame.MidiReceived is { } received
            ? string.Create(Ci, $"midi    {received} messages") + (frame.MidiLast is null ? "" : ", last " + Markup.Escape(frame.MidiLast))
            : "midi    [grey]off[/]");
        lines.Add("system  " + System(frame));
        var t = frame.Tuner;
        lines.Add(t is null ? "tuner   [grey]none[/]" : string.Create(Ci, $"tuner   {(t.Engaged ? "[yellow]on, output muted[/]" : "off")}   A4 = {t.ReferenceA4Hz:0.#} Hz"));
        lines.Add(message is null ? "" : Markup.Escape(message));
        lines.Add($"[grey]b[/] bypass  [grey]n[/]/[grey]p[/] next/previous preset  [grey]t[/] tuner  [grey]q[/] quit   [yellow]{PickupMark}[/] knob waiting for pickup");
        return lines.Select(l => (IRenderable)new Markup(l)).ToList();
    }

    private string MeterLine(string label, MeterFrame? meter, MeterBallistics b, int cells)
    {
        if (meter is null)
        {
            return label + "  [grey](no audio)[/]";
        }

        int rms = Cell(b.RmsDbfs, cells);
        int peak = Math.Max(rms, Cell(b.PeakDbfs, cells));
        int held = Math.Max(peak, Cell(b.HeldPeakDbfs, cells));
        var sb = new StringBuilder(label).Append("  ");
        string? open = null;
        for (int i = 0; i < cells; i++)
        {
            double db = MeterFloorDbfs * (1 - ((i + 1.0) / cells));
            string color = db > -6 ? "red" : db > -18 ? "yellow" : "green";
            char c = i < rms ? (_unicode ? '█' : '#') : i < peak ? (_unicode ? '▒' : '=') : i == held - 1 && held > peak ? '|' : (_unicode ? '·' : '.');
            string style = i < peak || (i == held - 1 && held > peak) ? color : "grey";
            if (style != open)
            {
                if (open is not null)
                {
                    sb.Append("[/]");
                }

                sb.Append('[').Append(style).Append(']');
                open = style;
            }

            sb.Append(c);
        }

        if (open is not null)
        {
            sb.Append("[/]");
        }

        sb.Append(string.Create(Ci, $" pk {b.HeldPeakDbfs,6:0.0} rms {b.RmsDbfs,6:0.0} dBFS "));
        sb.Append(b.Clipping ? "[white on red]CLIP[/]" : "    ");
        return sb.ToString();
    }

    private static int Cell(double dbfs, int cells) =>
        (int)Math.Round(Math.Clamp((dbfs - MeterFloorDbfs) / -MeterFloorDbfs, 0, 1) * cells);

    private IEnumerable<string> ParameterLines(IReadOnlyList<ParameterFrame> parameters, int width)
    {
        int half = (parameters.Count + 1) / 2;
        int column = width / 2;
        for (int row = 0; row < half; row++)
        {
            string left = ParameterCell(parameters[row], column);
            string right = row + half < parameters.Count ? ParameterCell(parameters[row + half], column) : "";
            yield return left + right;
        }
    }

    private string ParameterCell(ParameterFrame p, int column)
    {
        var info = Parameters.TryFind(p.Name, out var found) ? found : null;
        string unit = info is null || info.Unit.Length == 0 ? "" : " " + info.Unit;
        string value = string.Create(Ci, $"{p.Value:0.###}{unit}");
        string text = $"{p.Name,-19}{value,-9}";
        string knob;
        int plain;
        if (p.KnobPosition is { } position)
        {
            const int Cells = 6;
            int filled = (int)Math.Round(Math.Clamp(position, 0, 1) * Cells);
            string bar = new string(_unicode ? '█' : '#', filled) + new string(_unicode ? '░' : '-', Cells - filled);
            knob = (p.KnobWaiting ? "[yellow]" : "[grey]") + bar + "[/]" + (p.KnobWaiting ? " [yellow]" + PickupMark + "[/]" : "  ");
            plain = Cells + 2;
        }
        else
        {
            knob = "";
            plain = 0;
        }

        int pad = Math.Max(1, column - text.Length - plain);
        return Markup.Escape(text) + knob + new string(' ', pad);
    }

    private IEnumerable<string> TunerLines(TunerView t, int width)
    {
        yield return string.Create(Ci, $"[bold yellow]TUNER[/]   {(t.Muted ? "output muted" : "muting...")}   A4 = {t.ReferenceA4Hz:0.#} Hz   [grey]t[/] leaves");
        yield return "";
        if (t.Note is null || t.Cents is not { } cents)
        {
            yield return "        [grey]play a string[/]";
            yield return "";
            yield return Needle(null, width);
        }
        else
        {
            string verdict = Math.Abs(cents) <= 2 ? (t.Stable ? "[green]in tune[/]" : "[green]in tune?[/]") : cents < 0 ? "[yellow]flat[/]" : "[yellow]sharp[/]";
            yield return string.Create(Ci, $"        [bold]{Markup.Escape(t.Note)}{t.Octave}[/]   {cents,6:+0.0;-0.0;0.0} cents   {t.FrequencyHz,8:0.00} Hz   {verdict}");
            yield return "";
            yield return Needle(cents, width);
        }

        yield return "";
        yield return "";
        yield return "";
    }

    private string Needle(double? cents, int width)
    {
        int cells = Math.Min(61, width - 12) | 1; // odd: a centre cell
        int centre = cells / 2;
        int at = cents is { } c ? centre + (int)Math.Round(Math.Clamp(c, -50, 50) / 50.0 * centre) : -1;
        var sb = new StringBuilder("    -50 ");
        for (int i = 0; i < cells; i++)
        {
            if (i == at)
            {
                sb.Append(Math.Abs(at - centre) <= Math.Max(1, centre / 25) ? "[green]" : "[yellow]").Append(_unicode ? '●' : 'O').Append("[/]");
            }
            else
            {
                sb.Append(i == centre ? '|' : _unicode ? '─' : '-');
            }
        }

        return sb.Append(" +50").ToString();
    }

    private static string System(MonitorFrame f)
    {
        var parts = new List<string>();
        if (f.CpuTemperatureC is { } c)
        {
            parts.Add(string.Create(Ci, $"CPU {c:0.0} °C"));
        }

        if (f.ThrottledFlags is not null)
        {
            parts.Add(f.UnderVoltageNow ? "[red]UNDER-VOLTAGE[/]" : f.ThrottledNow ? "[red]THROTTLED[/]" : f.TroubleSinceBoot ? "[yellow]throttled since boot[/]" : "not throttled");
        }

        return parts.Count == 0 ? "[grey](nothing known)[/]" : string.Join(", ", parts);
    }
}
