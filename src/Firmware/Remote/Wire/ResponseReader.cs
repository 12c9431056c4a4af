using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>Reads a response line of the control socket into its record, for the clients (the command line, the live view).</summary>
public static class ResponseReader
{
    /// <summary>Reads a response into its record (the envelope first: see <see cref="ResponseOutcome"/>).</summary>
    /// <typeparam name="T">The command's response record.</typeparam>
    /// <param name="response">The response line.</param>
    /// <param name="type">The record's JSON contract.</param>
    /// <param name="result">The result when the request succeeded, else null.</param>
    /// <param name="failure">The envelope with its error when it failed, else null.</param>
    /// <returns>Whether the running service answered (false: the files, when it is not running).</returns>
    /// <exception cref="IOException">The line is not a response of this protocol.</exception>
    public static bool Read<T>(ReadOnlySpan<byte> response, JsonTypeInfo<T> type, out T? result, out BareResponse? failure) where T : ControlResponse
    {
        try
        {
            var outcome = JsonSerializer.Deserialize(response, WireJsonContext.Default.ResponseOutcome)
                          ?? throw new JsonException("null");
            result = outcome.Ok ? JsonSerializer.Deserialize(response, type) : null;
            failure = outcome.Ok ? null : JsonSerializer.Deserialize(response, WireJsonContext.Default.BareResponse);
            return outcome.Service;
        }
        catch (JsonException ex)
        {
            throw new IOException($"the service's response is not one this client understands ({ex.Message}): "
                                  + System.Text.Encoding.UTF8.GetString(response), ex);
        }
    }
}
