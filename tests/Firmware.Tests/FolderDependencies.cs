using Mono.Cecil;
using Mono.Cecil.Cil;

namespace GruPedalPi.Firmware.Tests;

/// <summary>
/// What the folders of an assembly use of each other, read from the compiled code with Mono.Cecil: every type a
/// type names in its signatures, attributes, fields, locals and method bodies (a fully qualified name in code
/// counts as much as a <c>using</c>). A folder is the namespace segment after a root (<c>GruPedalPi.Firmware.Engine</c>
/// is <c>Engine</c>); nested and compiler-generated types count for the type they are written in.
/// </summary>
public sealed class FolderDependencies
{
    /// <summary>The folder name given to types directly in the root namespace (<c>Program</c>).</summary>
    public const string RootFolder = "(root)";

    private readonly string _rootNamespace;
    private readonly Dictionary<(string From, string To), string> _uses = [];

    /// <summary>Reads an assembly.</summary>
    /// <param name="assemblyPath">The compiled assembly (.dll).</param>
    /// <param name="rootNamespace">The namespace whose sub-namespaces are the folders, e.g. <c>GruPedalPi.Firmware</c>.</param>
    public FolderDependencies(string assemblyPath, string rootNamespace)
    {
        _rootNamespace = rootNamespace;
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        foreach (var type in assembly.MainModule.Types)
        {
            string? from = FolderOf(type);
            if (from is null)
            {
                continue;
            }

            Folders.Add(from);
            foreach (var used in TypesUsedBy(type))
            {
                string? to = FolderOf(used);
                if (to is not null && to != from)
                {
                    _uses.TryAdd((from, to), $"{type.FullName} uses {used.FullName}");
                }
            }
        }
    }

    /// <summary>Every folder that holds a type.</summary>
    public SortedSet<string> Folders { get; } = new(StringComparer.Ordinal);

    /// <summary>Each use of one folder by another, with one example (which type uses which).</summary>
    public IReadOnlyDictionary<(string From, string To), string> Uses => _uses;

    /// <summary>
    /// The uses that break a layering: a folder may use folders of lower layers only, never one of its own layer
    /// or above.
    /// </summary>
    /// <param name="layers">Folders by layer, lowest first.</param>
    /// <returns>One line per breaking use, with its example; empty when the layering holds.</returns>
    public IReadOnlyList<string> Violations(IReadOnlyList<string[]> layers)
    {
        var layerOf = LayerIndex(layers);
        var violations = new List<string>();
        foreach (var ((from, to), example) in _uses.OrderBy(u => u.Key.From, StringComparer.Ordinal).ThenBy(u => u.Key.To, StringComparer.Ordinal))
        {
            if (layerOf.TryGetValue(from, out int a) && layerOf.TryGetValue(to, out int b) && b >= a)
            {
                violations.Add($"{from} (layer {a}) uses {to} (layer {b}): {example}");
            }
        }

        return violations;
    }

    /// <summary>The layer of each folder.</summary>
    /// <param name="layers">Folders by layer, lowest first.</param>
    /// <returns>Folder name to layer number (0 is the lowest).</returns>
    public static Dictionary<string, int> LayerIndex(IReadOnlyList<string[]> layers)
    {
        var layerOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < layers.Count; i++)
        {
            foreach (var folder in layers[i])
            {
                layerOf.Add(folder, i);
            }
        }

        return layerOf;
    }

    /// <summary>The folder of a type under <see cref="_rootNamespace"/>, or null for a type outside it.</summary>
    private string? FolderOf(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        string ns = type.Namespace;
        if (ns == _rootNamespace)
        {
            return type.Name.StartsWith('<') ? null : RootFolder;
        }

        if (!ns.StartsWith(_rootNamespace + ".", StringComparison.Ordinal))
        {
            return null;
        }

        string rest = ns[(_rootNamespace.Length + 1)..];
        int dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static IEnumerable<TypeReference> TypesUsedBy(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        Collect(type, found);
        return found;
    }

    private static void Collect(TypeDefinition type, List<TypeReference> found)
    {
        AddAttributes(type, found);
        Add(type.BaseType, found);
        foreach (var i in type.Interfaces)
        {
            Add(i.InterfaceType, found);
        }

        foreach (var p in type.GenericParameters)
        {
            foreach (var c in p.Constraints)
            {
                Add(c.ConstraintType, found);
            }
        }

        foreach (var field in type.Fields)
        {
            AddAttributes(field, found);
            Add(field.FieldType, found);
        }

        foreach (var property in type.Properties)
        {
            AddAttributes(property, found);
            Add(property.PropertyType, found);
        }

        foreach (var e in type.Events)
        {
            Add(e.EventType, found);
        }

        foreach (var method in type.Methods)
        {
            AddAttributes(method, found);
            Add(method.ReturnType, found);
            foreach (var p in method.Parameters)
            {
                AddAttributes(p, found);
                Add(p.ParameterType, found);
            }

            if (!method.HasBody)
            {
                continue;
            }

            foreach (var local in method.Body.Variables)
            {
                Add(local.VariableType, found);
            }

            foreach (var handler in method.Body.ExceptionHandlers)
            {
                Add(handler.CatchType, found);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                AddOperand(instruction, found);
            }
        }

        foreach (var nested in type.NestedTypes)
        {
            Collect(nested, found);
        }
    }

    private static void AddOperand(Instruction instruction, List<TypeReference> found)
    {
        switch (instruction.Operand)
        {
            case TypeReference t:
                Add(t, found);
                break;
            case MethodReference m:
                Add(m.DeclaringType, found);
                Add(m.ReturnType, found);
                foreach (var p in m.Parameters)
                {
                    Add(p.ParameterType, found);
                }

                if (m is GenericInstanceMethod g)
                {
                    foreach (var a in g.GenericArguments)
                    {
                        Add(a, found);
                    }
                }

                break;
            case FieldReference f:
                Add(f.DeclaringType, found);
                Add(f.FieldType, found);
                break;
        }
    }

    private static void AddAttributes(ICustomAttributeProvider provider, List<TypeReference> found)
    {
        if (!provider.HasCustomAttributes)
        {
            return;
        }

        foreach (var a in provider.CustomAttributes)
        {
            Add(a.AttributeType, found);
            foreach (var argument in a.ConstructorArguments)
            {
                if (argument.Value is TypeReference t)
                {
                    Add(t, found);
                }
            }
        }
    }

    /// <summary>Adds a type and what it is built from (element types of arrays, pointers and refs; generic arguments).</summary>
    private static void Add(TypeReference? type, List<TypeReference> found)
    {
        switch (type)
        {
            case null:
            case GenericParameter:
                return;
            case GenericInstanceType g:
                Add(g.ElementType, found);
                foreach (var a in g.GenericArguments)
                {
                    Add(a, found);
                }

                return;
            case TypeSpecification spec:
                Add(spec.ElementType, found);
                return;
            default:
                found.Add(type);
                return;
        }
    }
}
