namespace GruPedalPi.Hardware.Midi;

/// <summary>
/// Parses a raw MIDI byte stream (a serial DIN input, a raw MIDI device) into channel messages, one byte at a
/// time: running status (data bytes after a complete message repeat its status), real-time bytes (0xF8..0xFF)
/// anywhere, even inside a message, without disturbing it; SysEx (0xF0 .. 0xF7) skipped whole; system common
/// messages skipped with their data; a message cut short by a new status byte is dropped and the new one kept;
/// data bytes with no status are dropped. Pure and allocation-free; one thread.
/// </summary>
public sealed class MidiParser
{
    private byte _status;      // running status (0x80..0xEF), or 0 for none
    private int _needed;       // data bytes the current status takes (1 or 2)
    private int _count;        // data bytes received for the current message
    private byte _data1;
    private int _skip;         // data bytes of a system common message still to skip
    private bool _inSysEx;

    /// <summary>Channel messages completed.</summary>
    public long Messages { get; private set; }

    /// <summary>SysEx messages skipped (complete or cut short).</summary>
    public long SysExSkipped { get; private set; }

    /// <summary>Broken messages dropped: cut short by a status byte, or data bytes with no status to belong to.</summary>
    public long Dropped { get; private set; }

    /// <summary>Real-time bytes seen (clock, start, stop, active sensing...): passed over.</summary>
    public long RealTimeBytes { get; private set; }

    /// <summary>Forgets any partial message and the running status (e.g. after the input was reopened).</summary>
    public void Reset()
    {
        _status = 0;
        _count = 0;
        _skip = 0;
        _inSysEx = false;
    }

    /// <summary>Feeds one byte; true when it completes a channel message (<paramref name="message"/>).</summary>
    public bool Push(byte b, out MidiMessage message)
    {
        message = default;
        if (b >= 0xF8)
        {
            RealTimeBytes++; // real time: never part of anything, never changes the state
            return false;
        }

        if (b >= 0x80)
        {
            if (_inSysEx)
            {
                _inSysEx = false;
                SysExSkipped++;
                if (b == 0xF7)
                {
                    return false;
                }
            }

            if (_status != 0 && _count > 0)
            {
                Dropped++; // a message cut short by this status byte
            }

            _count = 0;
            _skip = 0;
            if (b < 0xF0)
            {
                _status = b;
                _needed = (b & 0xF0) is 0xC0 or 0xD0 ? 1 : 2;
                return false;
            }

            _status = 0; // system common cancels running status
            switch (b)
            {
                case 0xF0: _inSysEx = true; break;
                case 0xF1: case 0xF3: _skip = 1; break;
                case 0xF2: _skip = 2; break;
            }

            return false;
        }

        // A data byte.
        if (_inSysEx)
        {
            return false;
        }

        if (_skip > 0)
        {
            _skip--;
            return false;
        }

        if (_status == 0)
        {
            Dropped++;
            return false;
        }

        if (_count == 0)
        {
            _data1 = b;
            _count = 1;
            if (_needed == 1)
            {
                _count = 0;
                message = new MidiMessage((MidiMessageKind)(_status >> 4), (byte)(_status & 15), b, 0);
                Messages++;
                return true;
            }

            return false;
        }

        _count = 0;
        message = new MidiMessage((MidiMessageKind)(_status >> 4), (byte)(_status & 15), _data1, b);
        Messages++;
        return true;
    }
}
