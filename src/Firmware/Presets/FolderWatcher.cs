using System.Runtime.InteropServices;
using GruPedalPi.Firmware.Interop;

namespace GruPedalPi.Firmware.Presets;

/// <summary>Receives one inotify event on the watcher's thread: which folder (the index given to
/// <see cref="FolderWatcher.Add"/>), what happened (inotify mask bits) and the file's name as UTF-8 bytes (empty for
/// events on the folder itself and for <see cref="InotifyNative.QueueOverflow"/>). Must not keep the span.</summary>
public delegate void FolderEventHandler(int folder, uint mask, ReadOnlySpan<byte> name);

/// <summary>
/// Watches folders for file changes with inotify, allocation-free once started: one thread of its own blocks in
/// poll(2) on the inotify descriptor (and an eventfd that wakes it to stop), reads the events into a buffer allocated
/// once and hands each one to the handler as bytes. Unlike <see cref="FileSystemWatcher"/> (an object and strings
/// per event) it creates nothing per event, so a pedal whose preset folder is watched keeps its whole process
/// allocation-free while it plays. Linux only: <see cref="TryCreate"/> says why it could not start elsewhere.
/// </summary>
public sealed unsafe class FolderWatcher : IDisposable
{
    /// <summary>What a preset folder's watch asks for: files created, written, renamed in or out, deleted, and
    /// the folder itself going away.</summary>
    public const uint FileChanges = InotifyNative.Create | InotifyNative.CloseWrite | InotifyNative.Modify | InotifyNative.Attrib
                                    | InotifyNative.MovedFrom | InotifyNative.MovedTo | InotifyNative.Delete
                                    | InotifyNative.DeleteSelf | InotifyNative.MoveSelf | InotifyNative.OnlyDir;

    private readonly int _inotify;
    private readonly int _wake;
    private readonly FolderEventHandler _handler;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly List<int> _watches = [];
    private Thread? _thread;
    private volatile bool _stopping;
    private long _events;

    private FolderWatcher(int inotify, int wake, FolderEventHandler handler)
    {
        _inotify = inotify;
        _wake = wake;
        _handler = handler;
    }

    /// <summary>Events read so far (for tests and figures).</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Creates a watcher (not yet running: <see cref="Add"/> folders, then <see cref="Start"/>), or null with
    /// the reason (no inotify: not Linux, or the user's inotify instance limit reached).</summary>
    public static FolderWatcher? TryCreate(FolderEventHandler handler, out string? reason)
    {
        try
        {
            int inotify = InotifyNative.InotifyInit1(InotifyNative.NonBlock | InotifyNative.CloseOnExec);
            if (inotify < 0)
            {
                reason = $"inotify_init1 failed: {Marshal.GetLastPInvokeErrorMessage()}";
                return null;
            }

            int wake = InotifyNative.EventFd(0, InotifyNative.NonBlock | InotifyNative.CloseOnExec);
            if (wake < 0)
            {
                reason = $"eventfd failed: {Marshal.GetLastPInvokeErrorMessage()}";
                InotifyNative.Close(inotify);
                return null;
            }

            reason = null;
            return new FolderWatcher(inotify, wake, handler);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            reason = $"no inotify on this system ({e.Message})";
            return null;
        }
    }

    /// <summary>Watches a folder; its events carry <paramref name="folder"/>. Returns false with the reason when the
    /// folder cannot be watched (missing, not a folder, the user's watch limit reached).</summary>
    /// <param name="path">The folder.</param>
    /// <param name="folder">The caller's index for it (0..; given back with each event).</param>
    /// <param name="mask">The inotify events to watch (<see cref="FileChanges"/>).</param>
    /// <param name="reason">Why it failed.</param>
    public bool Add(string path, int folder, uint mask, out string? reason)
    {
        int wd = InotifyNative.InotifyAddWatch(_inotify, path, mask);
        if (wd < 0)
        {
            reason = $"inotify_add_watch {path}: {Marshal.GetLastPInvokeErrorMessage()}";
            return false;
        }

        lock (_watches)
        {
            while (_watches.Count <= folder)
            {
                _watches.Add(-1);
            }

            _watches[folder] = wd;
        }

        reason = null;
        return true;
    }

    /// <summary>Starts the watching thread.</summary>
    public void Start()
    {
        _thread ??= new Thread(Run) { IsBackground = true, Name = "folder watcher" };
        _thread.Start();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        long one = 1;
        InotifyNative.Write(_wake, (byte*)&one, sizeof(long));
        if (_thread is { } thread && thread != Thread.CurrentThread)
        {
            thread.Join();
        }

        InotifyNative.Close(_inotify);
        InotifyNative.Close(_wake);
    }

    private void Run()
    {
        var fds = stackalloc InotifyNative.PollFd[2];
        while (!_stopping)
        {
            fds[0] = new InotifyNative.PollFd { Fd = _inotify, Events = InotifyNative.PollIn };
            fds[1] = new InotifyNative.PollFd { Fd = _wake, Events = InotifyNative.PollIn };
            int ready = InotifyNative.Poll(fds, 2, -1);
            if (_stopping)
            {
                return;
            }

            if (ready <= 0 || (fds[0].ReturnedEvents & InotifyNative.PollIn) == 0)
            {
                continue; // EINTR, or only the wake-up
            }

            nint n;
            fixed (byte* buffer = _buffer)
            {
                n = InotifyNative.Read(_inotify, buffer, (nuint)_buffer.Length);
            }

            if (n > 0)
            {
                Dispatch(new ReadOnlySpan<byte>(_buffer, 0, (int)n));
            }
        }
    }

    private void Dispatch(ReadOnlySpan<byte> events)
    {
        while (events.Length >= InotifyNative.EventHeaderBytes)
        {
            int wd = MemoryMarshal.Read<int>(events);
            uint mask = MemoryMarshal.Read<uint>(events[4..]);
            int length = (int)MemoryMarshal.Read<uint>(events[12..]);
            int size = InotifyNative.EventHeaderBytes + length;
            if (size > events.Length)
            {
                return;
            }

            var name = events.Slice(InotifyNative.EventHeaderBytes, length);
            int zero = name.IndexOf((byte)0);
            if (zero >= 0)
            {
                name = name[..zero]; // the name is padded with NULs
            }

            Interlocked.Increment(ref _events);
            _handler(FolderOf(wd), mask, name);
            events = events[size..];
        }
    }

    private int FolderOf(int wd)
    {
        if (wd < 0)
        {
            return -1; // the queue's overflow event
        }

        lock (_watches)
        {
            return _watches.IndexOf(wd);
        }
    }
}
