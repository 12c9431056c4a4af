namespace GruPedalPi.Firmware.Service;

/// <summary>What <see cref="AllocationLedger.Read"/> reports.</summary>
/// <param name="Collections">Garbage collections since the stream started.</param>
/// <param name="Bytes">Bytes allocated by the whole process since the stream started.</param>
/// <param name="SteadyCollections">Collections since steady state (0 before it).</param>
/// <param name="SteadyBytes">Bytes allocated since steady state (0 before it).</param>
/// <param name="SteadySeconds">Time since steady state, in seconds (0 before it).</param>
/// <param name="StreamSeconds">Time since the stream started, in seconds.</param>
/// <param name="Exact">Whether the bytes were counted exactly (else in steps of an allocation context, about 8 KB).</param>
internal readonly record struct AllocationFigures(
    long Collections, long Bytes, long SteadyCollections, long SteadyBytes, double SteadySeconds, double StreamSeconds, bool Exact);
