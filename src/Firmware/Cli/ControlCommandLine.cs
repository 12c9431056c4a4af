using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Remote.Wire;

namespace GruPedalPi.Firmware.Cli;

/// <summary>
/// Runs one control command for the <c>gru-pedal</c> command line: sends the request to the running service
/// over its socket, or, when the service is not running, answers it from the files in the data folder with the
/// same <see cref="ControlRequestHandler"/> (commands that need the pedal then fail with exit code 3).
/// Prints the response as a table, or as its JSON line with --json.
/// </summary>
public static class ControlCommandLine
{
    /// <summary>Exit code: done.</summary>
    public const int ExitOk = 0;
    /// <summary>Exit code: the request failed (bad value, unknown preset, bad file, usage error...).</summary>
    public const int ExitFailed = 1;
    /// <summary>Exit code: the command needs the running service and it is not running.</summary>
    public const int ExitNotRunning = 3;
    /// <summary>Exit code: the socket exists but this user may not use it (not in the service's group).</summary>
    public const int ExitPermissionDenied = 4;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Sends one request and prints its response.</summary>
    /// <typeparam name="T">The command's response record (<see cref="WireJsonContext"/>).</typeparam>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="options">The common options.</param>
    /// <param name="command">The protocol command.</param>
    /// <param name="fields">The request's other fields; null for none.</param>
    /// <param name="type">The response record's JSON contract, e.g. <c>WireJsonContext.Default.StatusResponse</c>.</param>
    /// <param name="print">Prints a successful response for a person.</param>
    /// <returns>The exit code.</returns>
    public static int Run<T>(ParseResult parse, CommandLineOptions options, ControlCommand command, ControlRequestMessage? fields,
        JsonTypeInfo<T> type, Action<T> print) where T : ControlResponse =>
        RunRequest(parse, options, BuildRequest(command, fields), type, print);

    /// <summary>Sends one prebuilt request (<see cref="BuildRequest"/>) and prints its response.</summary>
    /// <typeparam name="T">The command's response record.</typeparam>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="options">The common options.</param>
    /// <param name="request">The request line.</param>
    /// <param name="type">The response record's JSON contract.</param>
    /// <param name="print">Prints a successful response for a person.</param>
    /// <param name="quiet">True: with --json, print nothing (a polling command's repeated requests).</param>
    /// <returns>The exit code.</returns>
    public static int RunRequest<T>(ParseResult parse, CommandLineOptions options, byte[] request, JsonTypeInfo<T> type, Action<T> print,
        bool quiet = false) where T : ControlResponse
    {
        var configured = Configured();
        var socketPath = ControlProtocol.ResolveSocketPath(parse.GetValue(options.Socket), configured.SocketPath);
        var dataDirectory = ControlProtocol.ResolveDataDirectory(parse.GetValue(options.DataDirectory), configured.DataDir);
        byte[] response;
        try
        {
            response = Exchange(request, socketPath, dataDirectory, out var denied);
            if (denied)
            {
                Console.Error.WriteLine($"gru-pedal: permission denied on {socketPath}: add your user to the service's group (sudo usermod -aG gru-pedal $USER) and log in again");
                return ExitPermissionDenied;
            }
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"gru-pedal: {ex.Message}");
            return ExitFailed;
        }

        return Report(response, parse.GetValue(options.Json) && !quiet, dataDirectory, type, print);
    }

    /// <summary>The data folder and socket of /etc/gru-pedal/config.json when it exists and is valid (the options
    /// and environment variables come first; a bad configuration is the service's and `config check`'s business).</summary>
    internal static (string? DataDir, string? SocketPath) Configured()
    {
        try
        {
            var config = Configuration.ConfigLoader.Load(null);
            return (config.DataDir, config.SocketPath);
        }
        catch (Exception ex) when (ex is Configuration.ConfigException or IOException or UnauthorizedAccessException)
        {
            return (null, null);
        }
    }

    /// <summary>Sends a request to the service, or answers it from the files when the service is not running.</summary>
    public static byte[] Exchange(byte[] request, string socketPath, string dataDirectory, out bool permissionDenied)
    {
        permissionDenied = false;
        switch (ControlClient.TryConnect(socketPath, Timeout, out var client))
        {
            case ControlClient.ConnectResult.Connected:
                using (client)
                {
                    return client!.Request(request);
                }

            case ControlClient.ConnectResult.PermissionDenied:
                permissionDenied = true;
                return [];
            default:
                using (var library = new PresetLibrary(dataDirectory))
                using (var output = new ControlResponseWriter())
                {
                    new ControlRequestHandler(null, library).Handle(request, output);
                    var bytes = output.Finish();
                    return bytes[..^1].ToArray();
                }
        }
    }

    /// <summary>Builds a request line (without newline), with id 1.</summary>
    public static byte[] BuildRequest(ControlCommand command, ControlRequestMessage? fields) =>
        ControlRequestBuilder.Build(command, fields, id: 1);

    /// <summary>Prints a response and returns the exit code.</summary>
    /// <typeparam name="T">The command's response record.</typeparam>
    /// <param name="response">The response line.</param>
    /// <param name="json">Print the line as it came instead of <paramref name="print"/>.</param>
    /// <param name="dataDirectory">The data folder (named when the files answered).</param>
    /// <param name="type">The record's JSON contract.</param>
    /// <param name="print">Prints a successful response for a person.</param>
    /// <returns>The exit code.</returns>
    public static int Report<T>(byte[] response, bool json, string dataDirectory, JsonTypeInfo<T> type, Action<T> print) where T : ControlResponse
    {
        bool service;
        T? result;
        BareResponse? failure;
        try
        {
            service = ResponseReader.Read(response, type, out result, out failure);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"gru-pedal: {ex.Message}");
            return ExitFailed;
        }

        var code = failure?.Error?.Code ?? (failure is null ? "" : ErrorCodes.Internal);
        if (json)
        {
            Console.Out.Write(System.Text.Encoding.UTF8.GetString(response));
            Console.Out.WriteLine();
        }
        else if (result is not null)
        {
            print(result);
        }
        else
        {
            Console.Error.WriteLine("gru-pedal: " + (failure?.Error?.Message ?? "the service failed without saying why"));
        }

        if (!service && code != ErrorCodes.NotRunning)
        {
            Console.Error.WriteLine($"note: the gru-pedal service is not running; this used the files in {dataDirectory} only");
        }

        return result is not null ? ExitOk : code == ErrorCodes.NotRunning ? ExitNotRunning : ExitFailed;
    }
}
