using System.Reflection;
using VetActors.Actors.Reminders;

namespace VetActors.Actors.Internal;

/// <summary>Maps grain interfaces and grain type names to grain classes; built once at start-up.</summary>
internal sealed class GrainTypeRegistry
{
    private static readonly HashSet<Type> s_frameworkInterfaces =
        [typeof(IGrain), typeof(IGrainWithStringKey), typeof(IAddressable), typeof(IRemindable)];

    private readonly Dictionary<string, GrainClassInfo> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _typeByInterface = [];
    private readonly Dictionary<Type, List<(string GrainType, bool IsPrimary)>> _candidates = [];
    private readonly Dictionary<Type, string> _ambiguous = [];

    internal GrainTypeRegistry(IEnumerable<Type> grainClasses)
    {
        foreach (var grainClass in grainClasses.Distinct())
        {
            var grainInterfaces = grainClass.GetInterfaces()
                .Where(i => typeof(IGrain).IsAssignableFrom(i) && !s_frameworkInterfaces.Contains(i))
                .ToArray();
            var primary = PrimaryInterfaces(grainInterfaces);
            var grainType = ResolveGrainType(grainClass, primary);
            if (_byType.TryGetValue(grainType, out var existing))
            {
                throw new InvalidOperationException(
                    $"Grain classes {existing.GrainClass} and {grainClass} both use the grain type name '{grainType}'; give one a distinct [GrainType].");
            }

            var info = new GrainClassInfo(grainClass, grainType);
            _byType.Add(grainType, info);
            foreach (var grainInterface in grainInterfaces)
            {
                if (!_candidates.TryGetValue(grainInterface, out var list))
                {
                    _candidates[grainInterface] = list = [];
                }

                list.Add((grainType, primary.Contains(grainInterface)));
            }
        }

        // An interface implemented by several classes resolves to the one class for which it is the most
        // derived grain interface (IGatedGrain to GatedGrain, not to a class implementing a derived interface).
        foreach (var (grainInterface, list) in _candidates)
        {
            if (list.Count == 1)
            {
                _typeByInterface.Add(grainInterface, list[0].GrainType);
            }
            else if (list.Count(c => c.IsPrimary) == 1)
            {
                _typeByInterface.Add(grainInterface, list.Single(c => c.IsPrimary).GrainType);
            }
            else
            {
                _ambiguous[grainInterface] = string.Join(", ", list.Select(c => c.GrainType));
            }
        }
    }

    internal IEnumerable<GrainClassInfo> Classes => _byType.Values;

    /// <summary>Generates every proxy up front, so an unsupported grain interface fails the start, not the first call.</summary>
    internal void GenerateProxies()
    {
        GetInterface(typeof(IRemindable));
        foreach (var grainInterface in _candidates.Keys)
        {
            GetInterface(grainInterface);
        }
    }

    /// <summary>Finds the grain classes of the given assemblies.</summary>
    internal static IEnumerable<Type> Discover(IEnumerable<Assembly> assemblies) =>
        assemblies.Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && !t.IsAbstract && !t.ContainsGenericParameters && typeof(Grain).IsAssignableFrom(t));

    internal GrainClassInfo GetClass(string grainType) =>
        _byType.TryGetValue(grainType, out var info)
            ? info
            : throw new InvalidOperationException($"No grain class is registered for the grain type '{grainType}'.");

    internal bool TryGetClass(string grainType, out GrainClassInfo? info) => _byType.TryGetValue(grainType, out info);

    internal string GetGrainType(Type grainInterface)
    {
        if (_typeByInterface.TryGetValue(grainInterface, out var grainType))
        {
            return grainType;
        }

        if (_ambiguous.TryGetValue(grainInterface, out var candidates))
        {
            throw new InvalidOperationException(
                $"Grain interface {grainInterface} is implemented by several grain classes ({candidates}); address them with GetGrain<T>(GrainId).");
        }

        throw new InvalidOperationException(
            $"No grain class implementing {grainInterface} is registered: add its assembly with AddGrainsFromAssembly.");
    }

    internal static GrainInterfaceInfo GetInterface(Type grainInterface) => ProxyGenerator.GetOrGenerate(grainInterface);

    /// <summary>The most derived grain interfaces: IPetGrain rather than a base interface it extends.</summary>
    private static Type[] PrimaryInterfaces(Type[] grainInterfaces) =>
        [.. grainInterfaces.Where(i => !grainInterfaces.Any(other => other != i && i.IsAssignableFrom(other)))];

    private static string ResolveGrainType(Type grainClass, Type[] primary)
    {
        if (GrainTypeNames.FromAttribute(grainClass) is { } fromClass)
        {
            return fromClass;
        }

        if (primary.Length == 1)
        {
            return GrainTypeNames.FromAttribute(primary[0]) ?? GrainTypeNames.Derive(primary[0]);
        }

        if (primary.Length == 0)
        {
            return GrainTypeNames.Derive(grainClass);
        }

        throw new InvalidOperationException(
            $"Grain class {grainClass} implements several grain interfaces ({string.Join(", ", primary.Select(p => p.Name))}); name its type with [GrainType(\"...\")].");
    }
}
