using System.Runtime.InteropServices;

namespace GruPedalPi.Hardware.Tests.Audio;

/// <summary>Sets a variable in the C library's environment (what libjack reads; Environment.SetEnvironmentVariable does not reach it).</summary>
internal static partial class NativeEnvironment
{
    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    public static void Set(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        SetEnv(name, value, 1);
    }
}
