using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GruPedalPi.Firmware.Service;
using GruPedalPi.Hardware.Audio;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal devices`: lists the audio devices PortAudio sees, so the HAT's name can go in the configuration.</summary>
internal static class DevicesCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the list as JSON" };
        var command = new Command("devices", "List audio devices (host API, channels, default rate, latency) for audio.device");
        command.Options.Add(json);
        command.SetAction(result =>
        {
            try
            {
                using var host = new PortAudioHost(jackDiagnostics: PortAudioHost.JackServerNamed);
                var devices = host.Devices.ToList();
                if (result.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(devices, ServiceJsonContext.Default.ListAudioDeviceInfo));
                    return 0;
                }

                Console.WriteLine($"{host.VersionText}; host APIs: {string.Join(", ", host.HostApis)}");
                if (devices.Count == 0)
                {
                    Console.WriteLine("no audio device (no sound card, and no JACK server running)");
                    return 0;
                }

                var c = CultureInfo.InvariantCulture;
                Console.WriteLine(string.Format(c, "{0,3}  {1,-28} {2,-40} {3,4} {4,4} {5,9} {6,13}", "#", "host API", "name", "in", "out", "rate Hz", "latency ms"));
                foreach (var d in devices)
                {
                    Console.WriteLine(string.Format(c, "{0,3}  {1,-28} {2,-40} {3,4} {4,4} {5,9:F0} {6,6:F1}/{7,-6:F1}", d.Index, d.HostApi, d.Name,
                        d.MaxInputChannels, d.MaxOutputChannels, d.DefaultSampleRateHz, d.DefaultLowInputLatencyS * 1000, d.DefaultLowOutputLatencyS * 1000));
                }

                Console.WriteLine("Put a name (or a unique part of it) in the configuration's audio.device, or pass --device.");
                return 0;
            }
            catch (DllNotFoundException)
            {
                Console.Error.WriteLine("gru-pedal devices: PortAudio (libportaudio.so.2) is not installed: apt-get install libportaudio2");
                return 1;
            }
            catch (PortAudioException e)
            {
                Console.Error.WriteLine($"gru-pedal devices: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
