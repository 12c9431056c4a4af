using System.Runtime.InteropServices;

namespace GruPedalPi.Firmware.Interop;

/// <summary>
/// A wake-up one thread blocks on and others raise, kept by the kernel (an eventfd in counter mode): <see cref="Raise"/>
/// adds one, <see cref="Wait"/> blocks in read(2) until the count is above zero and takes it all. No managed lock is
/// involved, so neither the JIT nor the NativeAOT build allocates on any wait or raise, the first included. A
/// <see cref="SemaphoreSlim"/> handoff, by contrast, allocates 104 to 272 bytes under NativeAOT the first time its
/// waiter and releaser meet (the monitor it waits on is inflated then), and that first meeting can come at any moment
/// of a gig (measured 2026-12-03; docs/allocation.md).
/// </summary>
internal sealed unsafe class EventFdSignal : IDisposable
{
    private const int Interrupted = 4; // EINTR
    private int _fd;

    /// <summary>Creates the eventfd (close-on-exec, blocking).</summary>
    /// <param name="owner">What the signal wakes, for the error message ("control socket /run/gru-pedal/control.sock,
    /// client slot 3").</param>
    /// <exception cref="IOException">The kernel refused one (the process's descriptor limit, for example).</exception>
    public EventFdSignal(string owner)
    {
        _fd = InotifyNative.EventFd(0, InotifyNative.CloseOnExec);
        if (_fd < 0)
        {
            throw new IOException($"{owner}: eventfd failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    /// <summary>Wakes the waiter (or the next wait, if none is waiting yet). Raises made before a wait are
    /// coalesced into one wake-up.</summary>
    public void Raise()
    {
        ulong one = 1;
        InotifyNative.Write(_fd, (byte*)&one, sizeof(ulong));
    }

    /// <summary>Blocks until raised, then clears the count.</summary>
    public void Wait()
    {
        ulong count;
        while (InotifyNative.Read(_fd, (byte*)&count, sizeof(ulong)) < 0 && Marshal.GetLastPInvokeError() == Interrupted)
        {
        }
    }

    /// <summary>Closes the eventfd. Call only when no thread waits on it any more.</summary>
    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            InotifyNative.Close(fd);
        }
    }
}
