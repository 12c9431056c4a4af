using System.Diagnostics;
using GruPedalPi.Hardware.Audio;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// Closes an audio stream whose device went away, on a thread of its own: stopping such a stream can block for a long
/// time (PortAudio 19.6's JACK host waits up to 10 minutes for a process cycle that never comes after the server
/// died), and the supervisor must keep retrying meanwhile. <see cref="IsStuck"/> tells the supervisor when a release
/// has taken so long that PortAudio can never be re-initialised in this process.
/// </summary>
internal sealed class LostStreamReleaser
{
    private readonly ILogger _logger;
    private long _pendingSince;

    /// <summary>Creates the releaser.</summary>
    /// <param name="logger">Where a finished release is logged.</param>
    public LostStreamReleaser(ILogger logger) => _logger = logger;

    /// <summary>Disposes <paramref name="stream"/> and then <paramref name="host"/> on a new background thread.</summary>
    public void Release(IAudioStream stream, PortAudioHost? host)
    {
        var logger = _logger;
        Interlocked.Exchange(ref _pendingSince, Stopwatch.GetTimestamp());
        var thread = new Thread(() =>
        {
            var started = Stopwatch.GetTimestamp();
            stream.Dispose();
            host?.Dispose();
            Interlocked.Exchange(ref _pendingSince, 0);
            logger.LogInformation("Released the lost audio stream after {Seconds:F1} s", Stopwatch.GetElapsedTime(started).TotalSeconds);
        })
        { IsBackground = true, Name = "audio release" };
        thread.Start();
    }

    /// <summary>True when a release has been running for longer than <paramref name="timeout"/>.</summary>
    public bool IsStuck(TimeSpan timeout)
    {
        long since = Interlocked.Read(ref _pendingSince);
        return since != 0 && Stopwatch.GetElapsedTime(since) > timeout;
    }
}
