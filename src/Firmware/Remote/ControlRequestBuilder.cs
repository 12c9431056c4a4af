using System.Text.Json;

namespace GruPedalPi.Firmware.Remote;

/// <summary>
/// Builds request lines for the clients of the control socket (the command line, the live view): the version, the
/// command's wire name from <see cref="ControlCommandNames"/> and the request's own fields. Each call allocates the
/// line; a client that sends the same request often (the live view's frames) builds it once.
/// </summary>
public static class ControlRequestBuilder
{
    /// <summary>One request line, without its newline.</summary>
    /// <param name="command">The command (not <see cref="ControlCommand.None"/>).</param>
    /// <param name="fields">Writes the request's other fields; null for none.</param>
    /// <param name="id">The request's id, echoed in the response; null for none.</param>
    public static byte[] Build(ControlCommand command, Action<Utf8JsonWriter>? fields = null, int? id = null)
    {
        using var output = new ControlResponseWriter(512);
        var w = output.Json;
        w.WriteStartObject();
        w.WriteNumber("v"u8, ControlProtocol.Version);
        if (id is { } value)
        {
            w.WriteNumber("id"u8, value);
        }

        w.WriteString("cmd"u8, ControlCommandNames.Name(command));
        fields?.Invoke(w);
        w.WriteEndObject();
        return output.Finish()[..^1].ToArray();
    }

    /// <summary>A request whose only other field is <c>"state"</c> (<c>bypass</c>, <c>tuner</c>).</summary>
    /// <param name="command">The command.</param>
    /// <param name="state">on, off or toggle.</param>
    public static byte[] WithState(ControlCommand command, string state) =>
        Build(command, w => w.WriteString("state"u8, state));
}
