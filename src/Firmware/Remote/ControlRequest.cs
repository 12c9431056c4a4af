using GruPedalPi.Dsp;

namespace GruPedalPi.Firmware.Remote;

/// <summary>One control request as read from its line (<see cref="ControlRequestParser"/>): the fields it gave, and for
/// names and values read without allocating, where they are in the line.</summary>
internal ref struct ControlRequest
{
    public ReadOnlySpan<byte> Json;
    public int Version;
    public long Id;
    public bool HasId;
    public ControlCommand Command;
    public bool CommandGiven;
    public bool ParamGiven;
    public bool ParamKnown;
    public ParameterId Param;
    public int TextStart;
    public int TextLength;
    public double Value;
    public bool HasValue;
    public SwitchRequest State;
    public bool NameGiven;
    public char[]? NameScratch;
    public int NameLength;
    public string? NameString;
    public string? To;
    public string? From;
    public string? Notes;
    public List<string>? Names;
    public int Position;
    public bool HasPosition;
    public int PresetStart;
    public int PresetLength;
    public bool? Replace;
    public int Cc;
    public bool HasCc;
    public long Since;
    public double Heel;
    public bool HasHeel;
    public double Toe;
    public bool HasToe;

    /// <summary>The name field as a string (allocates one: for the commands that keep or compose names).</summary>
    public readonly string? Name => !NameGiven ? null : NameString ?? new string(NameScratch!, 0, NameLength);

    /// <summary>The name field without allocating (empty when not given).</summary>
    public readonly ReadOnlySpan<char> NameSpan => !NameGiven ? default : NameString is { } s ? s.AsSpan() : NameScratch.AsSpan(0, NameLength);
}
