using System.Text.Json;
using GruPedalPi.Firmware.Remote.Wire;

namespace GruPedalPi.Firmware.Remote;

/// <summary>
/// Builds request lines for the clients of the control socket (the command line, the live view) from a
/// <see cref="ControlRequestMessage"/>: the version, the command's wire name from <see cref="ControlCommandNames"/> and
/// the request's own fields, with the source-generated <see cref="WireJsonContext"/>. Each call allocates the line; a
/// client that sends the same request often (the live view's frames) builds it once.
/// </summary>
public static class ControlRequestBuilder
{
    /// <summary>One request line, without its newline.</summary>
    /// <param name="command">The command (not <see cref="ControlCommand.None"/>).</param>
    /// <param name="fields">The request's other fields; null for none.</param>
    /// <param name="id">The request's id, echoed in the response; null for none.</param>
    public static byte[] Build(ControlCommand command, ControlRequestMessage? fields = null, long? id = null) =>
        JsonSerializer.SerializeToUtf8Bytes((fields ?? new ControlRequestMessage()) with { Cmd = ControlCommandNames.Name(command), Id = id },
            WireJsonContext.Default.ControlRequestMessage);

    /// <summary>A request whose only other field is <c>"state"</c> (<c>bypass</c>, <c>tuner</c>).</summary>
    /// <param name="command">The command.</param>
    /// <param name="state">on, off or toggle.</param>
    public static byte[] WithState(ControlCommand command, string state) => Build(command, new ControlRequestMessage { State = state });
}
