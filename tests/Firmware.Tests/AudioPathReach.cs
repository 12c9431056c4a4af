using Mono.Cecil;
using Mono.Cecil.Cil;

namespace GruPedalPi.Firmware.Tests;

/// <summary>
/// Every method of the project's assemblies that the audio callback can reach, read from the compiled code with
/// Mono.Cecil: from a start method, each call, constructor, delegate target and property access in its body, and
/// for a virtual or interface call every implementation in the project (more than can run). Framework methods end
/// the walk: what they do is the runtime's, checked by the allocation tests. A delegate's target cannot be known from
/// the code, so a delegate call on the path is listed in <see cref="DelegateCalls"/> instead of followed.
/// </summary>
public sealed class AudioPathReach
{
    private readonly List<TypeDefinition> _projectTypes = [];
    private readonly HashSet<string> _projectAssemblies = new(StringComparer.Ordinal);

    /// <summary>Loads the project's assemblies.</summary>
    /// <param name="assemblyPaths">The project's compiled assemblies; only methods in these are followed.</param>
    public AudioPathReach(IEnumerable<string> assemblyPaths)
    {
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(AppContext.BaseDirectory);
        foreach (var path in assemblyPaths)
        {
            var assembly = AssemblyDefinition.ReadAssembly(path, new ReaderParameters { AssemblyResolver = resolver });
            _projectAssemblies.Add(assembly.Name.Name);
            _projectTypes.AddRange(AllTypes(assembly.MainModule.Types));
        }
    }

    /// <summary>The delegate calls (<c>Invoke</c>) the last walk met, as "caller: delegate type".</summary>
    public List<string> DelegateCalls { get; } = [];

    /// <summary>Finds a method of the project by its type's full name and its name.</summary>
    /// <param name="typeFullName">e.g. <c>GruPedalPi.Hardware.Audio.PortAudioStream</c>.</param>
    /// <param name="methodName">e.g. <c>Callback</c>.</param>
    /// <returns>The method (the only one of that name).</returns>
    public MethodDefinition Method(string typeFullName, string methodName) =>
        _projectTypes.Single(t => t.FullName == typeFullName).Methods.Single(m => m.Name == methodName);

    /// <summary>Every project method reachable from <paramref name="start"/>, itself included.</summary>
    /// <param name="start">Where the walk begins.</param>
    /// <returns>The methods, each once.</returns>
    public IReadOnlyCollection<MethodDefinition> From(MethodDefinition start)
    {
        DelegateCalls.Clear();
        var seen = new HashSet<MethodDefinition> { start };
        var work = new Stack<MethodDefinition>();
        work.Push(start);
        while (work.Count > 0)
        {
            var method = work.Pop();
            if (!method.HasBody)
            {
                continue;
            }

            foreach (var instruction in method.Body.Instructions)
            {
                if (instruction.Operand is MethodReference invoked && IsDelegateInvoke(invoked))
                {
                    DelegateCalls.Add($"{method.FullName}: {invoked.DeclaringType.FullName}");
                }

                if (instruction.Operand is not MethodReference called || !IsProject(called.DeclaringType))
                {
                    continue;
                }

                var definition = called.Resolve();
                if (definition is null)
                {
                    continue;
                }

                var targets = new List<MethodDefinition> { definition };
                if (instruction.OpCode == OpCodes.Callvirt || instruction.OpCode == OpCodes.Ldvirtftn || definition.IsAbstract)
                {
                    targets.AddRange(Implementations(definition));
                }

                foreach (var target in targets)
                {
                    if (seen.Add(target))
                    {
                        work.Push(target);
                    }
                }
            }
        }

        return seen;
    }

    private bool IsDelegateInvoke(MethodReference m)
    {
        if (m.Name != "Invoke")
        {
            return false;
        }

        var type = m.DeclaringType.GetElementType();
        if (type.Namespace == "System" && (type.Name.StartsWith("Action", StringComparison.Ordinal) || type.Name.StartsWith("Func", StringComparison.Ordinal)
                                           || type.Name.StartsWith("Predicate", StringComparison.Ordinal) || type.Name.StartsWith("EventHandler", StringComparison.Ordinal)))
        {
            return true;
        }

        return IsProject(type) && type.Resolve()?.BaseType?.FullName == "System.MulticastDelegate";
    }

    private IEnumerable<MethodDefinition> Implementations(MethodDefinition virtualMethod)
    {
        if (!virtualMethod.IsVirtual && !virtualMethod.IsAbstract)
        {
            yield break;
        }

        string declaring = virtualMethod.DeclaringType.FullName;
        foreach (var type in _projectTypes)
        {
            if (type.FullName == declaring || !DerivesFrom(type, declaring))
            {
                continue;
            }

            foreach (var m in type.Methods)
            {
                bool sameSlot = (m.Name == virtualMethod.Name || m.Overrides.Any(o => o.Name == virtualMethod.Name))
                                && m.Parameters.Count == virtualMethod.Parameters.Count;
                if (sameSlot && m.HasBody)
                {
                    yield return m;
                }
            }
        }
    }

    private bool DerivesFrom(TypeDefinition type, string baseOrInterface)
    {
        for (TypeDefinition? t = type; t is not null;)
        {
            if (t.Interfaces.Any(i => i.InterfaceType.GetElementType().FullName == baseOrInterface))
            {
                return true;
            }

            var baseType = t.BaseType;
            if (baseType is null || !IsProject(baseType))
            {
                return false;
            }

            if (baseType.GetElementType().FullName == baseOrInterface)
            {
                return true;
            }

            t = baseType.Resolve();
        }

        return false;
    }

    private bool IsProject(TypeReference type)
    {
        string? assembly = type.Scope switch
        {
            ModuleDefinition module => module.Assembly.Name.Name,
            AssemblyNameReference reference => reference.Name,
            _ => null,
        };
        return assembly is not null && _projectAssemblies.Contains(assembly);
    }

    private static IEnumerable<TypeDefinition> AllTypes(IEnumerable<TypeDefinition> types)
    {
        foreach (var type in types)
        {
            yield return type;
            foreach (var nested in AllTypes(type.NestedTypes))
            {
                yield return nested;
            }
        }
    }
}
