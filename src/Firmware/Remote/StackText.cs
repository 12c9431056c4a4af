namespace GruPedalPi.Firmware.Remote;

/// <summary>A message composed in a caller's stack buffer (truncated when full): error text without allocation.</summary>
internal ref struct StackText
{
    private readonly Span<char> _buffer;
    private int _length;

    public StackText(Span<char> buffer)
    {
        _buffer = buffer;
        _length = 0;
    }

    public readonly ReadOnlySpan<char> Span => _buffer[.._length];

    public void Add(ReadOnlySpan<char> text)
    {
        var n = Math.Min(text.Length, _buffer.Length - _length);
        text[..n].CopyTo(_buffer[_length..]);
        _length += n;
    }

    public void AddUtf8(ReadOnlySpan<byte> utf8)
    {
        // A UTF-8 byte never decodes to more than one char, so this always fits; invalid bytes become U+FFFD.
        var n = Math.Min(Math.Min(utf8.Length, 64), _buffer.Length - _length);
        _length += System.Text.Encoding.UTF8.GetChars(utf8[..n], _buffer[_length..]);
    }

    public void Add(double value)
    {
        if (value.TryFormat(_buffer[_length..], out var n, default, System.Globalization.CultureInfo.InvariantCulture))
        {
            _length += n;
        }
    }

    public void Add(float value)
    {
        if (value.TryFormat(_buffer[_length..], out var n, default, System.Globalization.CultureInfo.InvariantCulture))
        {
            _length += n;
        }
    }
}
