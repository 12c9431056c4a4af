using GruPedalPi.PowerCut.Helper;

// PowerCut.Helper DATA_DIR FIRST_GENERATION: saves presets and state in a loop until killed (see PowerCutWorkload).
if (args.Length != 2 || !long.TryParse(args[1], out var first))
{
    Console.Error.WriteLine("usage: PowerCut.Helper DATA_DIR FIRST_GENERATION");
    return 2;
}

// Never outlive a test that died: stop after 30 s whatever happens.
var lifetime = new Timer(_ => Environment.Exit(3), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
output.WriteLine("ready");
PowerCutWorkload.Run(args[0], first, output);
GC.KeepAlive(lifetime);
return 0;
