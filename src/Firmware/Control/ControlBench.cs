using System.Diagnostics;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Bindings;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Midi;
using GruPedalPi.Hardware.Controls;
using GruPedalPi.Hardware.Midi;
using GruPedalPi.Hardware.Simulation;

namespace GruPedalPi.Firmware.Control;

/// <summary>
/// Benchmark of the control loop on simulated devices (<c>gru-pedal simulate --bench</c>): the cost of a tick
/// and the bytes allocated on virtual time, then on real time with the loop on its own thread, the time from a
/// footswitch edge, an ADC change, a MIDI Program Change or Control Change to the engine's update and the process's
/// allocations per second in steady state. Prints figures; asserts nothing.
/// </summary>
public static class ControlBench
{
    /// <summary>Runs the benchmark (about 10 s) and prints the figures.</summary>
    public static void Run(PedalConfig config, TextWriter output)
    {
        output.WriteLine($"control-loop benchmark: {config.ResolvedKnobs.Count} knobs on a simulated {config.Adc.Type}, scan every {config.KnobScan.IntervalMs} ms");
        VirtualTime(config, output);
        RealTime(config, output);
    }

    private static void VirtualTime(PedalConfig config, TextWriter output)
    {
        var clock = new ManualTimeProvider();
        using var hw = ControlHardware.CreateSimulated(config, clock);
        var pedal = new RecordingPedalControl();
        using var surface = hw.CreateSurface(pedal, new FactoryPresetNavigator());
        for (var ch = 0; ch < config.ResolvedKnobs.Count; ch++)
        {
            hw.SetSimulatedNoise(config.ResolvedKnobs[ch].Channel, 2);
        }

        var interval = surface.ScanInterval;
        void Steps(int n)
        {
            for (var i = 0; i < n; i++)
            {
                clock.Advance(interval);
                surface.Tick();
            }
        }

        Steps(20_000); // warm-up (JIT tiering)
        const int ticks = 100_000;
        var sw = new Stopwatch();
        var bytes0 = GC.GetAllocatedBytesForCurrentThread();
        var gc0 = GC.CollectionCount(0);
        sw.Start();
        Steps(ticks);
        sw.Stop();
        var bytes = GC.GetAllocatedBytesForCurrentThread() - bytes0;
        output.WriteLine($"  idle knobs with +/-2 LSB noise: {sw.Elapsed.TotalMilliseconds * 1000 / ticks:0.00} us per tick (scan of every knob), "
            + $"{bytes} bytes allocated over {ticks} ticks, {GC.CollectionCount(0) - gc0} gen0 collections, {pedal.ParameterChanges} parameter changes");

        // Active: sweeps, taps, holds and the fault blink (a first pass warms up those paths).
        surface.SetFault("bench");
        var sweepTicks = 0;
        var fs = config.Footswitch.Pin;
        for (var pass = 0; pass < 2; pass++)
        {
        if (pass == 1)
        {
            sweepTicks = 0;
            bytes0 = GC.GetAllocatedBytesForCurrentThread();
            sw.Restart();
        }

        for (var i = 0; i < ticks; i++)
        {
            var raw = (i * 3) % 2046;
            hw.SetSimulatedKnob(config.ResolvedKnobs[0].Channel, raw < 1023 ? raw : 2045 - raw);
            if (fs is { } pin && i % 500 == 0)
            {
                hw.SetSimulatedGpio(pin, false);
            }
            else if (fs is { } pin2 && i % 500 == (i % 1000 < 500 ? 50 : 400))
            {
                hw.SetSimulatedGpio(pin2, true);
            }

            clock.Advance(interval);
            surface.Tick();
            sweepTicks++;
        }
        }

        sw.Stop();
        bytes = GC.GetAllocatedBytesForCurrentThread() - bytes0;
        output.WriteLine($"  sweeping a knob, tapping and holding the footswitch, fault blinking: {sw.Elapsed.TotalMilliseconds * 1000 / sweepTicks:0.00} us per tick, "
            + $"{bytes} bytes allocated over {sweepTicks} ticks ({pedal.ParameterChanges} parameter changes, {pedal.BypassChanges} bypass changes, {pedal.PresetLoads} preset loads)");
    }

    private static void RealTime(PedalConfig config, TextWriter output)
    {
        var probe = new LatencyProbe();
        using var hw = ControlHardware.CreateSimulated(config, TimeProvider.System);
        var pedal = new RecordingPedalControl(probe);
        // MIDI: the configuration's map, with CC 11 on drive when the configuration maps nothing there (the bench's own
        // controller; a Program Change needs no map).
        var midi = config.ResolvedMidi;
        if (midi[BenchCc].Kind == MidiTargetKind.None && MidiMap.TryResolve("drive", config.ResolvedKnobs, out var drive, out _))
        {
            midi = midi.With(BenchCc, drive);
        }

        var options = ControlSurfaceOptions.FromConfig(config) with { JumpTakeover = true, Midi = midi };
        using var surface = new ControlSurface(options, hw.Adc, hw.Footswitches, hw.Led, pedal, new FactoryPresetNavigator(), TimeProvider.System, probe);
        using var cts = new CancellationTokenSource();
        var thread = surface.StartThread(cts.Token);
        try
        {
            if (config.Footswitch.Pin is { } pin && options.Footswitches.Count > 0)
            {
                // The edge that acts: the press, or on a switch with a hold action the release before the hold time.
                var onPress = options.Footswitches[0].TapOnPress;
                var latencies = new List<double>();
                for (var i = 0; i < 40; i++)
                {
                    var before = probe.BypassCount;
                    var t0 = Stopwatch.GetTimestamp();
                    hw.SetSimulatedGpio(pin, false);
                    if (!onPress)
                    {
                        Thread.Sleep(40);
                        t0 = Stopwatch.GetTimestamp();
                        hw.SetSimulatedGpio(pin, true);
                    }

                    if (probe.WaitBypass(before, TimeSpan.FromSeconds(1)))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(t0, probe.BypassTimestamp).TotalMicroseconds);
                    }

                    Thread.Sleep(40);
                    hw.SetSimulatedGpio(pin, true);
                    Thread.Sleep(40);
                }

                output.WriteLine($"  footswitch {(onPress ? "press" : "release of a tap")} to engine (SetBypass), {latencies.Count} taps: {Summary(latencies)}");
            }

            if (config.ResolvedKnobs.Count > 0)
            {
                var knob = config.ResolvedKnobs[0];
                var first = new List<double>();
                var settled = new List<double>();
                for (var i = 0; i < 40; i++)
                {
                    var raw = i % 2 == 0 ? 800 : 200;
                    var target = knob.Mapping.ToValue((raw - 20.46) / (1023 - 40.92));
                    probe.Arm(knob.Parameter, target, Math.Abs(knob.Mapping.Max - knob.Mapping.Min) * 0.01f);
                    var t0 = Stopwatch.GetTimestamp();
                    hw.SetSimulatedKnob(knob.Channel, raw);
                    if (probe.WaitSettled(TimeSpan.FromSeconds(1)))
                    {
                        first.Add(Stopwatch.GetElapsedTime(t0, probe.FirstTimestamp).TotalMicroseconds);
                        settled.Add(Stopwatch.GetElapsedTime(t0, probe.SettledTimestamp).TotalMicroseconds);
                    }

                    Thread.Sleep(30);
                }

                output.WriteLine($"  ADC step (knob 0, 200<->800) to first engine update: {Summary(first)}");
                output.WriteLine($"  ADC step to the value within 1 % of its range:         {Summary(settled)}");
            }

            MidiLatency(surface, midi, probe, output);

            for (var k = 0; k < config.ResolvedKnobs.Count; k++)
            {
                hw.SetSimulatedNoise(config.ResolvedKnobs[k].Channel, 2);
            }

            surface.SetFault("bench");
            Thread.Sleep(500);
            var scans0 = surface.Scans;
            var bytes0 = GC.GetTotalAllocatedBytes(true);
            var gc0 = GC.CollectionCount(0);
            var changes0 = pedal.ParameterChanges;
            var sw = Stopwatch.StartNew();
            Thread.Sleep(3000);
            var bytes = GC.GetTotalAllocatedBytes(true) - bytes0;
            var seconds = sw.Elapsed.TotalSeconds;
            output.WriteLine($"  steady state on real time (noise on every knob, fault LED blinking), {seconds:0.0} s: "
                + $"{(surface.Scans - scans0) / seconds:0} scans/s, {bytes / seconds:0} bytes/s allocated by the whole process, "
                + $"{GC.CollectionCount(0) - gc0} gen0 collections, {pedal.ParameterChanges - changes0} parameter changes");
        }
        finally
        {
            cts.Cancel();
            surface.Wake();
            thread.Join();
        }
    }

    /// <summary>The Control Change the bench sends.</summary>
    private const int BenchCc = 11;

    /// <summary>Program Changes and Control Changes handed to the surface's inbox from this thread, as the ALSA
    /// sequencer's or the serial input's thread does, to the engine's update (<c>LoadPreset</c>, <c>SetParameter</c>).</summary>
    private static void MidiLatency(ControlSurface surface, MidiMap map, LatencyProbe probe, TextWriter output)
    {
        if (surface.Inbox is not { } inbox)
        {
            return;
        }

        var channel = map.Channel < 0 ? 0 : map.Channel;
        var programs = new List<double>();
        for (var i = 0; i < 40; i++)
        {
            var before = probe.PresetCount;
            var t0 = Stopwatch.GetTimestamp();
            inbox.OnMidi(MidiMessage.ProgramChange(channel, i % 2), t0);
            if (probe.WaitPreset(before, TimeSpan.FromSeconds(1)))
            {
                programs.Add(Stopwatch.GetElapsedTime(t0, probe.PresetTimestamp).TotalMicroseconds);
            }

            Thread.Sleep(30);
        }

        output.WriteLine($"  MIDI Program Change to engine (LoadPreset), {programs.Count} changes: {Summary(programs)}");
        var target = map[BenchCc];
        if (target.Kind != MidiTargetKind.Parameter)
        {
            return;
        }

        var changes = new List<double>();
        for (var i = 0; i < 40; i++)
        {
            var value = i % 2 == 0 ? 100 : 20;
            probe.Arm(target.Parameter, target.Mapping!.ToValue(value / 127f), float.PositiveInfinity); // the first update counts
            var t0 = Stopwatch.GetTimestamp();
            inbox.OnMidi(MidiMessage.ControlChange(channel, BenchCc, value), t0);
            if (probe.WaitSettled(TimeSpan.FromSeconds(1)))
            {
                changes.Add(Stopwatch.GetElapsedTime(t0, probe.FirstTimestamp).TotalMicroseconds);
            }

            Thread.Sleep(30);
        }

        output.WriteLine($"  MIDI Control Change {BenchCc} ({target.Parameter}) to engine (SetParameter), {changes.Count} changes: {Summary(changes)}");
    }

    private static string Summary(List<double> us)
    {
        if (us.Count == 0)
        {
            return "no samples";
        }

        us.Sort();
        double P(double q) => us[Math.Min(us.Count - 1, (int)Math.Floor(q * us.Count))];
        return $"median {P(0.5) / 1000:0.000} ms, p90 {P(0.9) / 1000:0.000} ms, max {us[^1] / 1000:0.000} ms";
    }

    private sealed class LatencyProbe : IControlEventSink
    {
        private readonly ManualResetEventSlim _bypass = new();
        private readonly ManualResetEventSlim _settled = new();
        private readonly ManualResetEventSlim _preset = new();
        private long _bypassCount;
        private long _presetCount;
        private ParameterId _id;
        private float _target;
        private float _tolerance;
        private bool _armed;

        public long BypassCount => Interlocked.Read(ref _bypassCount);
        public long BypassTimestamp { get; private set; }
        public long PresetCount => Interlocked.Read(ref _presetCount);
        public long PresetTimestamp { get; private set; }
        public long FirstTimestamp { get; private set; }
        public long SettledTimestamp { get; private set; }

        public void Arm(ParameterId id, float target, float tolerance)
        {
            _id = id;
            _target = target;
            _tolerance = tolerance;
            FirstTimestamp = 0;
            _settled.Reset();
            Volatile.Write(ref _armed, true);
        }

        public bool WaitBypass(long before, TimeSpan timeout) => WaitForCount(_bypass, ref _bypassCount, before, timeout);

        public bool WaitPreset(long before, TimeSpan timeout) => WaitForCount(_preset, ref _presetCount, before, timeout);

        /// <summary>Waits until <paramref name="count"/> has moved from <paramref name="before"/>, woken by <paramref name="signal"/>.</summary>
        private static bool WaitForCount(ManualResetEventSlim signal, ref long count, long before, TimeSpan timeout)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (Interlocked.Read(ref count) == before && Stopwatch.GetTimestamp() < deadline)
            {
                signal.Wait(timeout);
                signal.Reset();
            }

            return Interlocked.Read(ref count) != before;
        }

        public bool WaitSettled(TimeSpan timeout) => _settled.Wait(timeout);

        public void OnParameter(ParameterId id, float value, ControlSource source)
        {
            if (!Volatile.Read(ref _armed) || id != _id)
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            if (FirstTimestamp == 0)
            {
                FirstTimestamp = now;
            }

            if (Math.Abs(value - _target) <= _tolerance)
            {
                SettledTimestamp = now;
                Volatile.Write(ref _armed, false);
                _settled.Set();
            }
        }

        public void OnBypass(bool bypassed, ControlSource source)
        {
            BypassTimestamp = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _bypassCount);
            _bypass.Set();
        }

        public void OnPreset(string name, ControlSource source)
        {
            PresetTimestamp = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _presetCount);
            _preset.Set();
        }

        public void OnLed(LedMode mode)
        {
        }

        public void OnPickup(ParameterId id)
        {
        }
    }
}
