using System.Device.Spi;

namespace GruPedalPi.Hardware.Simulation;

/// <summary>
/// An MCP3008 (10-bit, 8 channels) behind a simulated SPI device, modelled bit by bit as the datasheet
/// describes the serial interface: the chip waits for a start bit on DIN, takes SGL/DIFF and D2..D0, samples
/// for one clock (DOUT high-impedance, read here as 1), sends a null bit (0), then B9..B0 MSB first, then
/// B1..B9 LSB first if clocked further, then zeros. So any framing of the request works as on the chip, and the
/// real <c>Iot.Device.Adc.Mcp3008</c> binding reads it unchanged. Inputs are raw codes 0..1023 per channel,
/// with optional deterministic noise. Thread-safe for setting inputs; transfers are allocation-free.
/// </summary>
public sealed class SimulatedMcp3008 : SpiDevice
{
    /// <summary>Number of input channels.</summary>
    public const int Channels = 8;

    private readonly int[] _raw = new int[Channels];
    private readonly int[] _noiseLsb = new int[Channels];
    private readonly byte[] _lastWrite = new byte[16];
    private int _lastWriteLength;
    private DeterministicNoise _noiseSource = new(0x9E3779B9);
    private long _transfers;

    /// <summary>Creates the chip with every input at mid-travel (512).</summary>
    public SimulatedMcp3008(SpiConnectionSettings? settings = null)
    {
        ConnectionSettings = settings ?? new SpiConnectionSettings(0, 0) { ClockFrequency = 1_000_000, Mode = SpiMode.Mode0 };
        Array.Fill(_raw, 512);
    }

    /// <inheritdoc />
    public override SpiConnectionSettings ConnectionSettings { get; }

    /// <summary>Conversions (transfers) done so far.</summary>
    public long Transfers => Interlocked.Read(ref _transfers);

    /// <summary>The bytes of the most recent transfer's request (DIN).</summary>
    public ReadOnlySpan<byte> LastRequest => _lastWrite.AsSpan(0, _lastWriteLength);

    /// <summary>Sets the voltage on a channel as a code 0..1023 (wiper position of a pot between 0 V and VREF).</summary>
    public void SetRaw(int channel, int raw)
    {
        CheckChannel(channel);
        Volatile.Write(ref _raw[channel], Math.Clamp(raw, 0, 1023));
    }

    /// <summary>The code set on a channel (without noise).</summary>
    public int GetRaw(int channel)
    {
        CheckChannel(channel);
        return Volatile.Read(ref _raw[channel]);
    }

    /// <summary>Adds uniform noise of +/-<paramref name="lsb"/> codes to every conversion of a channel (deterministic sequence).</summary>
    public void SetNoise(int channel, int lsb)
    {
        CheckChannel(channel);
        Volatile.Write(ref _noiseLsb[channel], Math.Max(0, lsb));
    }

    /// <inheritdoc />
    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        if (writeBuffer.Length != readBuffer.Length)
        {
            throw new ArgumentException("SPI full-duplex buffers must have the same length");
        }

        Transfer(writeBuffer, readBuffer);
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer) => Transfer(buffer, Span<byte>.Empty);

    /// <inheritdoc />
    public override void Read(Span<byte> buffer)
    {
        // DIN held low: no start bit, DOUT stays high-impedance.
        buffer.Fill(0xFF);
    }

    private void Transfer(ReadOnlySpan<byte> din, Span<byte> dout)
    {
        _lastWriteLength = Math.Min(din.Length, _lastWrite.Length);
        din[.._lastWriteLength].CopyTo(_lastWrite);
        dout.Clear();

        // -1: waiting for the start bit; 0..3: receiving SGL, D2, D1, D0; then output phase.
        var phase = -1;
        var command = 0;
        var value = 0;
        var outBit = 0; // index in the output sequence after D0
        for (var i = 0; i < din.Length * 8; i++)
        {
            var inBit = (din[i >> 3] >> (7 - (i & 7))) & 1;
            int dOut;
            if (phase < 0)
            {
                dOut = 1; // high-impedance before the start bit
                if (inBit == 1)
                {
                    phase = 0;
                }
            }
            else if (phase < 4)
            {
                dOut = 1;
                command = (command << 1) | inBit;
                phase++;
                if (phase == 4)
                {
                    value = Convert(command);
                    Interlocked.Increment(ref _transfers);
                }
            }
            else
            {
                dOut = OutputBit(outBit++, value);
            }

            if (dOut != 0 && (i >> 3) < dout.Length)
            {
                dout[i >> 3] |= (byte)(0x80 >> (i & 7));
            }
        }
    }

    private static int OutputBit(int index, int value)
    {
        // 0: sample period (high-impedance), 1: null bit, 2..11: B9..B0, 12..20: B1..B9, then zeros.
        if (index == 0)
        {
            return 1;
        }

        if (index == 1)
        {
            return 0;
        }

        if (index <= 11)
        {
            return (value >> (11 - index)) & 1;
        }

        if (index <= 20)
        {
            return (value >> (index - 11)) & 1;
        }

        return 0;
    }

    private int Convert(int command)
    {
        var single = (command & 0b1000) != 0;
        var ch = command & 0b111;
        int v;
        if (single)
        {
            v = Sample(ch);
        }
        else
        {
            // Pseudo-differential: IN+ is the even or odd channel of the pair per D0, IN- the other.
            var plus = ch;
            var minus = ch ^ 1;
            v = Math.Max(0, Sample(plus) - Sample(minus));
        }

        return Math.Clamp(v, 0, 1023);
    }

    private int Sample(int ch)
    {
        var raw = Volatile.Read(ref _raw[ch]);
        var noise = Volatile.Read(ref _noiseLsb[ch]);
        if (noise > 0)
        {
            raw += _noiseSource.NextOffset(noise);
        }

        return Math.Clamp(raw, 0, 1023);
    }

    private static void CheckChannel(int channel)
    {
        if ((uint)channel >= Channels)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "MCP3008 channels are 0..7");
        }
    }
}
