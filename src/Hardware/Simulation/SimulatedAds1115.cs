using System.Device.I2c;

namespace GruPedalPi.Hardware.Simulation;

/// <summary>
/// An ADS1115 (16-bit, 4 channels, I2C) modelled at register level: the pointer register (a one-byte write),
/// the conversion register (read-only), the config register (reset 0x8583: OS, MUX, PGA, MODE, DR, comparator
/// bits), and the Lo_thresh/Hi_thresh registers (reset 0x8000/0x7FFF); registers read and write big-endian.
/// Writing OS=1 in single-shot mode starts a conversion of the selected input pair at the selected gain; the
/// OS bit reads 0 (busy) for <see cref="BusyPolls"/> config reads, then 1. In continuous mode the conversion
/// register follows the input. The ALERT/RDY pin is not modelled. Inputs are volts per channel (or a 0..1023
/// code scaled to the supply), with optional deterministic noise in codes. Overrides every span entry point of
/// <see cref="I2cSimulatedDeviceBase"/> so that bus traffic allocates nothing.
/// </summary>
public sealed class SimulatedAds1115 : I2cSimulatedDeviceBase
{
    /// <summary>Number of analog inputs.</summary>
    public const int Channels = 4;

    /// <summary>Config register value at power-up.</summary>
    public const ushort ConfigReset = 0x8583;

    private static readonly double[] RangeVolts = [6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256];

    private readonly double[] _volts = new double[Channels];
    private readonly int[] _noise = new int[Channels];
    private readonly object _inputs = new();
    private byte _pointer;
    private ushort _config = ConfigReset;
    private short _conversion;
    private ushort _lo = 0x8000;
    private ushort _hi = 0x7FFF;
    private int _busyReads;
    private DeterministicNoise _noiseSource = new(0x2545F491);
    private long _conversions;

    /// <summary>Creates the chip with every input at half the supply.</summary>
    /// <param name="supplyVolts">The potentiometers' supply, used by <see cref="SetRaw"/>.</param>
    /// <param name="settings">Bus and address (default bus 1, 0x48).</param>
    public SimulatedAds1115(double supplyVolts = 3.3, I2cConnectionSettings? settings = null)
        : base(settings ?? new I2cConnectionSettings(1, 0x48))
    {
        SupplyVolts = supplyVolts;
        Array.Fill(_volts, supplyVolts / 2);
    }

    /// <summary>The supply the 0..1023 codes of <see cref="SetRaw"/> are scaled to.</summary>
    public double SupplyVolts { get; }

    /// <summary>Config reads that show a conversion in progress after it starts (0 = done at once).</summary>
    public int BusyPolls { get; set; }

    /// <summary>Conversions done so far.</summary>
    public long Conversions => Interlocked.Read(ref _conversions);

    /// <summary>The config register as the chip holds it.</summary>
    public ushort ConfigRegister => _config;

    /// <summary>Lo_thresh register.</summary>
    public ushort LoThreshold => _lo;

    /// <summary>Hi_thresh register.</summary>
    public ushort HiThreshold => _hi;

    /// <summary>Sets an input's voltage.</summary>
    public void SetVolts(int channel, double volts)
    {
        CheckChannel(channel);
        lock (_inputs)
        {
            _volts[channel] = volts;
        }
    }

    /// <summary>Sets an input as a code 0..1023 of the supply (the simulator's scale for every ADC).</summary>
    public void SetRaw(int channel, int raw) => SetVolts(channel, Math.Clamp(raw, 0, 1023) / 1023.0 * SupplyVolts);

    /// <summary>Adds uniform noise of +/-<paramref name="codes"/> to every conversion of a channel.</summary>
    public void SetNoise(int channel, int codes)
    {
        CheckChannel(channel);
        Volatile.Write(ref _noise[channel], Math.Max(0, codes));
    }

    /// <inheritdoc />
    public override void WriteRead(byte[] inputBuffer, byte[] outputBuffer) =>
        WriteRead(inputBuffer.AsSpan(), outputBuffer.AsSpan());

    /// <inheritdoc />
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        if (writeBuffer.Length > 0)
        {
            Write(writeBuffer);
        }

        if (readBuffer.Length > 0)
        {
            Read(readBuffer);
        }
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length == 0)
        {
            return;
        }

        _pointer = (byte)(buffer[0] & 0x03);
        if (buffer.Length >= 3)
        {
            WriteRegister(_pointer, (ushort)((buffer[1] << 8) | buffer[2]));
        }
        else if (buffer.Length == 2)
        {
            throw new IOException("ADS1115: a register write needs two data bytes");
        }
    }

    /// <inheritdoc />
    public override void WriteByte(byte value)
    {
        Span<byte> one = [value];
        Write(one);
    }

    /// <inheritdoc />
    public override void Read(Span<byte> buffer)
    {
        var value = ReadRegister(_pointer);
        if (buffer.Length > 0)
        {
            buffer[0] = (byte)(value >> 8);
        }

        if (buffer.Length > 1)
        {
            buffer[1] = (byte)value;
        }

        for (var i = 2; i < buffer.Length; i++)
        {
            buffer[i] = 0xFF;
        }
    }

    /// <inheritdoc />
    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    private void WriteRegister(int register, ushort value)
    {
        switch (register)
        {
            case 0:
                break; // the conversion register is read-only
            case 1:
                _config = (ushort)(value & 0x7FFF | (_config & 0x8000));
                var singleShot = (value & 0x0100) != 0;
                if (singleShot && (value & 0x8000) != 0)
                {
                    _conversion = Convert();
                    _busyReads = BusyPolls;
                    _config &= 0x7FFF;
                    if (_busyReads == 0)
                    {
                        _config |= 0x8000;
                    }
                }
                else if (!singleShot)
                {
                    _config |= 0x8000;
                }

                break;
            case 2:
                _lo = value;
                break;
            case 3:
                _hi = value;
                break;
        }
    }

    private ushort ReadRegister(int register)
    {
        switch (register)
        {
            case 0:
                if ((_config & 0x0100) == 0)
                {
                    _conversion = Convert(); // continuous mode follows the input
                }

                return (ushort)_conversion;
            case 1:
                var config = _config;
                if (_busyReads > 0 && --_busyReads == 0)
                {
                    _config |= 0x8000;
                }

                return config;
            case 2:
                return _lo;
            default:
                return _hi;
        }
    }

    private short Convert()
    {
        var mux = (_config >> 12) & 0x7;
        var pga = (_config >> 9) & 0x7;
        double plus, minus;
        int noiseChannel;
        lock (_inputs)
        {
            (plus, minus, noiseChannel) = mux switch
            {
                0 => (_volts[0], _volts[1], 0),
                1 => (_volts[0], _volts[3], 0),
                2 => (_volts[1], _volts[3], 1),
                3 => (_volts[2], _volts[3], 2),
                _ => (_volts[mux - 4], 0.0, mux - 4),
            };
        }

        var code = Math.Round((plus - minus) / RangeVolts[pga] * 32768);
        var noise = Volatile.Read(ref _noise[noiseChannel]);
        if (noise > 0)
        {
            code += _noiseSource.NextOffset(noise);
        }

        Interlocked.Increment(ref _conversions);
        return (short)Math.Clamp(code, short.MinValue, short.MaxValue);
    }

    private static void CheckChannel(int channel)
    {
        if ((uint)channel >= Channels)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "ADS1115 inputs are 0..3");
        }
    }
}
