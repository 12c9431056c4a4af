using System.Globalization;
using System.Text.Json;
using GruPedalPi.Firmware.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.Firmware.Service;

/// <summary>Runs the pedal host until a duration passes or the process is asked to stop, then reports its statistics.</summary>
internal static class ServiceRunner
{
    /// <summary>Runs; returns the last playing status (taken before the fade-out) and the exit code.</summary>
    /// <param name="options">What the host holds (<see cref="PedalHost.Build"/>).</param>
    /// <param name="durationSeconds">Stop after this long playing; null to run until stopped.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<(StatusSnapshot Status, int ExitCode)> RunAsync(PedalHostOptions options, double? durationSeconds,
        CancellationToken cancellationToken)
    {
        using var host = PedalHost.Build(options);
        var supervisor = host.Services.GetRequiredService<AudioSupervisor>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        await host.StartAsync(cancellationToken);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping, supervisor.GaveUp);
        StatusSnapshot last = supervisor.GetStatus(exactAllocations: true);
        try
        {
            if (durationSeconds is { } seconds)
            {
                // Count the duration from the first callback when the device plays (a started stream may take a
                // while to call back on a loaded machine), else from now; a device that fails ends it sooner (GaveUp).
                // Then a blocking wait on a handle made before steady state, not Task.Delay: the end of a delay
                // allocates (its timer's continuation), and the exact figures read just after must be the run's own.
                var stopped = stop.Token.WaitHandle;
                supervisor.WaitCallingBack(TimeSpan.FromSeconds(30), stop.Token);
                stopped.WaitOne(TimeSpan.FromSeconds(seconds));
            }
            else
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }

        if (supervisor.State == AudioState.Playing)
        {
            last = supervisor.GetStatus(exactAllocations: true);
        }

        await host.StopAsync(CancellationToken.None);
        // With a duration, never having played is a failure; a service asked to stop exits cleanly.
        int exit = supervisor.GaveUp.IsCancellationRequested ? AudioSupervisor.GaveUpExitCode
            : durationSeconds is not null && last.Callbacks == 0 ? 2 : 0;
        return (last, exit);
    }

    /// <summary>Prints the statistics as text or JSON.</summary>
    public static void Print(StatusSnapshot s, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(s, ServiceJsonContext.Default.StatusSnapshot));
            return;
        }

        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(c, "device            {0} ({1}), {2} Hz, {3} frames, period {4:F0} us", s.Device, s.HostApi, s.SampleRateHz, s.FramesPerBuffer, s.PeriodUs));
        output.WriteLine(string.Format(c, "state             {0}{1}", AudioStateNames.Name(s.State), s.Fault is null ? "" : ": " + s.Fault));
        output.WriteLine(string.Format(c, "audio thread      {0}; memory locked: {1}", s.AudioThread, s.MemoryLocked ? "yes" : "no"));
        output.WriteLine(string.Format(c, "stream            {0:F1} s, {1} callbacks ({2} start-up, {3} steady), device starts {4}", s.StreamSeconds, s.Callbacks, s.WarmupCallbacks, s.SteadyCallbacks, s.DeviceStarts));
        output.WriteLine(string.Format(c, "start-up          first callback {0:F0} ms after process start; {1} xruns, {2} late, longest {3:F0} us", s.FirstCallbackMs, s.StartupXruns, s.StartupLateCallbacks, s.StartupMaxUs));
        output.WriteLine(string.Format(c, "xruns             {0} after start-up ({1} in all)", s.Xruns - s.StartupXruns, s.Xruns));
        output.WriteLine(string.Format(c, "late callbacks    {0} after start-up ({1} started late)", s.LateCallbacks, s.LateStarts));
        output.WriteLine(string.Format(c, "callback time     p50 {0:F0} us, p99 {1:F0} us, p99.9 {2:F0} us, max {3:F0} us ({4:P1} / {5:P1} / {6:P1} / {7:P1} of the period)",
            s.CallbackP50Us, s.CallbackP99Us, s.CallbackP999Us, s.CallbackMaxUs,
            Share(s.CallbackP50Us, s.PeriodUs), Share(s.CallbackP99Us, s.PeriodUs), Share(s.CallbackP999Us, s.PeriodUs), Share(s.CallbackMaxUs, s.PeriodUs)));
        output.WriteLine(string.Format(c, "DSP load          {0:P1} (mean {1:F1} us)", s.DspLoad, s.CallbackMeanUs));
        output.WriteLine(string.Format(c, "garbage           {0} collections, {1} bytes allocated since the stream started; {2} and {3} since start-up ended",
            s.GarbageCollections, s.BytesAllocated, s.SteadyGarbageCollections, s.SteadyBytesAllocated));
        output.WriteLine(string.Format(c, "steady state      {0:F1} s: {1:F0} bytes allocated per hour, {2} collections", s.SteadySeconds, s.SteadyBytesPerHour, s.SteadyGarbageCollections));
        output.WriteLine(string.Format(c, "memory            {0:F1} MB resident (anonymous + file), plus {1:F1} MB of shared memory (JACK's segments)", s.ResidentMemoryMb, s.SharedMemoryMb));
        if (s.CallbackFaults > 0 || s.RecorderDroppedSamples > 0)
        {
            output.WriteLine(string.Format(c, "faults            {0} callback exceptions, {1} recorder samples dropped", s.CallbackFaults, s.RecorderDroppedSamples));
        }
    }

    private static double Share(double us, double periodUs) => periodUs > 0 ? us / periodUs : 0;
}
