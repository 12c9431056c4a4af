using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GruPedalPi.Hardware.Audio;

/// <summary>
/// A full-duplex float32 PortAudio stream whose callback is a static <c>[UnmanagedCallersOnly]</c> function
/// reaching the <see cref="IAudioCallback"/> through a GCHandle. The callback never throws into PortAudio:
/// an exception is caught, counted and turns into a silent buffer.
/// </summary>
public sealed unsafe class PortAudioStream : IAudioStream
{
    private readonly IAudioCallback _callback;
    private readonly float[] _silentInput;
    private GCHandle _self;
    private nint _stream;
    private long _callbackFaults;

    internal PortAudioStream(AudioDeviceInfo device, AudioStreamRequest request, IAudioCallback callback)
    {
        _callback = callback;
        DeviceName = device.Name;
        HostApi = device.HostApi;
        FramesPerBuffer = request.FramesPerBuffer;
        InputChannels = request.InputChannels;
        OutputChannels = request.OutputChannels;
        // Enough for any buffer size PortAudio could hand us with a fixed framesPerBuffer.
        _silentInput = GC.AllocateArray<float>(Math.Max(request.FramesPerBuffer, 4096) * request.InputChannels, pinned: true);
        _self = GCHandle.Alloc(this);

        var input = new PaStreamParameters
        {
            Device = device.Index,
            ChannelCount = request.InputChannels,
            SampleFormat = new CULong(PortAudioNative.PaFloat32),
            SuggestedLatency = request.SuggestedLatencyS ?? device.DefaultLowInputLatencyS,
        };
        var output = new PaStreamParameters
        {
            Device = device.Index,
            ChannelCount = request.OutputChannels,
            SampleFormat = new CULong(PortAudioNative.PaFloat32),
            SuggestedLatency = request.SuggestedLatencyS ?? device.DefaultLowOutputLatencyS,
        };
        nint stream;
        int err = PortAudioNative.OpenStream(&stream, &input, &output, request.SampleRateHz,
            new CULong((uint)request.FramesPerBuffer), new CULong(PortAudioNative.PaClipOff | PortAudioNative.PaDitherOff),
            &Callback, (void*)GCHandle.ToIntPtr(_self));
        if (err != 0)
        {
            _self.Free();
            throw new PortAudioException(
                $"audio device \"{device.Name}\" ({device.HostApi}) refused a {request.InputChannels}-in/{request.OutputChannels}-out " +
                $"float32 stream at {request.SampleRateHz} Hz with {request.FramesPerBuffer} frames: {PortAudioNative.ErrorText(err)}", err);
        }

        _stream = stream;
        if (device.HostApi == "ALSA")
        {
            // PortAudio's ALSA host runs its callback thread SCHED_FIFO only when asked.
            PortAudioNative.AlsaEnableRealtimeScheduling(_stream, 1);
        }

        var info = PortAudioNative.GetStreamInfo(_stream);
        SampleRateHz = info != null ? info->SampleRate : request.SampleRateHz;
        InputLatencyS = info != null ? info->InputLatency : 0;
        OutputLatencyS = info != null ? info->OutputLatency : 0;
    }

    /// <inheritdoc />
    public string DeviceName { get; }

    /// <inheritdoc />
    public string HostApi { get; }

    /// <inheritdoc />
    public double SampleRateHz { get; }

    /// <inheritdoc />
    public int FramesPerBuffer { get; }

    /// <inheritdoc />
    public int InputChannels { get; }

    /// <inheritdoc />
    public int OutputChannels { get; }

    /// <inheritdoc />
    public double InputLatencyS { get; }

    /// <inheritdoc />
    public double OutputLatencyS { get; }

    /// <inheritdoc />
    public long CallbackFaults => Volatile.Read(ref _callbackFaults);

    /// <inheritdoc />
    public bool IsActive => _stream != 0 && PortAudioNative.IsStreamActive(_stream) == 1;

    /// <summary>PortAudio's own CPU load estimate of the callback, 0..1.</summary>
    public double CpuLoad => _stream != 0 ? PortAudioNative.GetStreamCpuLoad(_stream) : 0;

    /// <inheritdoc />
    public void Start()
    {
        Check(PortAudioNative.StartStream(_stream), "start");
    }

    /// <inheritdoc />
    public void Stop()
    {
        if (_stream != 0 && PortAudioNative.IsStreamActive(_stream) == 1)
        {
            int err = PortAudioNative.StopStream(_stream);
            if (err != 0)
            {
                PortAudioNative.AbortStream(_stream);
            }
        }
    }

    /// <summary>Stops at once, dropping the pending buffers (for a device that went away).</summary>
    public void Abort()
    {
        if (_stream != 0)
        {
            PortAudioNative.AbortStream(_stream);
        }
    }

    /// <summary>Closes the stream (stopping it first if needed).</summary>
    public void Dispose()
    {
        if (_stream != 0)
        {
            PortAudioNative.CloseStream(_stream);
            _stream = 0;
        }

        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    private void Check(int err, string what)
    {
        if (err != 0)
        {
            throw new PortAudioException($"audio device \"{DeviceName}\" ({HostApi}): could not {what} the stream: {PortAudioNative.ErrorText(err)}", err);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Callback(void* input, void* output, CULong frameCount, PaStreamCallbackTimeInfo* timeInfo, CULong statusFlags, void* userData)
    {
        PortAudioStream? self = null;
        int frames = (int)frameCount.Value;
        try
        {
            self = Unsafe.As<PortAudioStream>(GCHandle.FromIntPtr((nint)userData).Target);
            if (self is null)
            {
                return PortAudioNative.PaContinue;
            }

            int inCount = frames * self.InputChannels;
            var inSpan = input != null
                ? new ReadOnlySpan<float>(input, inCount)
                : new ReadOnlySpan<float>(self._silentInput, 0, Math.Min(inCount, self._silentInput.Length));
            var outSpan = new Span<float>(output, frames * self.OutputChannels);
            double now = timeInfo != null ? timeInfo->CurrentTime : 0;
            double dac = timeInfo != null ? timeInfo->OutputBufferDacTime : 0;
            var block = new AudioBlock(inSpan, outSpan, frames, self.InputChannels, self.OutputChannels,
                (AudioStatusFlags)(int)statusFlags.Value, now, dac);
            self._callback.Process(in block);
        }
        catch
        {
            if (self is not null)
            {
                self._callbackFaults++;
                if (output != null)
                {
                    new Span<float>(output, frames * self.OutputChannels).Clear();
                }
            }
        }

        return PortAudioNative.PaContinue;
    }
}
