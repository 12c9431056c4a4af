using GruPedalPi.PowerCut.Helper;

// The test helper process:
//   PowerCut.Helper DATA_DIR FIRST_GENERATION   saves presets and state in a loop until killed (PowerCutWorkload)
//   PowerCut.Helper serve DATA_DIR SOCKET        the audio service with the control socket, on JACK (ServeWorkload)
// Never outlive a test that died: stop after 60 s whatever happens.
var lifetime = new Timer(_ => Environment.Exit(3), null, TimeSpan.FromSeconds(60), Timeout.InfiniteTimeSpan);
var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
if (args.Length == 3 && args[0] == "serve")
{
    var code = ServeWorkload.Run(args[1], args[2], output);
    GC.KeepAlive(lifetime);
    return code;
}

if (args.Length != 2 || !long.TryParse(args[1], out var first))
{
    Console.Error.WriteLine("usage: PowerCut.Helper DATA_DIR FIRST_GENERATION | PowerCut.Helper serve DATA_DIR SOCKET");
    return 2;
}

output.WriteLine("ready");
PowerCutWorkload.Run(args[0], first, output);
GC.KeepAlive(lifetime);
return 0;
