using System.Collections.Concurrent;
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
    private readonly Dictionary<Type, string> _ambiguous = [];
    private readonly ConcurrentDictionary<Type, GrainInterfaceInfo> _interfaces = new();

    internal GrainTypeRegistry(IEnumerable<Type> grainClasses)
    {
        foreach (var grainClass in grainClasses.Distinct())
        {
            var grainInterfaces = grainClass.GetInterfaces()
                .Where(i => typeof(IGrain).IsAssignableFrom(i) && !s_frameworkInterfaces.Contains(i))
                .ToArray();
            var grainType = ResolveGrainType(grainClass, grainInterfaces);
            if (_byType.TryGetValue(grainType, out var existing))
            {
                throw new InvalidOperationException(
                    $"Grain classes {existing.GrainClass} and {grainClass} both use the grain type name '{grainType}'; give one a distinct [GrainType].");
            }

            var info = new GrainClassInfo(grainClass, grainType);
            _byType.Add(grainType, info);
            foreach (var grainInterface in grainInterfaces)
            {
                if (_typeByInterface.TryGetValue(grainInterface, out var other))
                {
                    _ambiguous[grainInterface] = $"{other}, {grainType}";
                }
                else
                {
                    _typeByInterface.Add(grainInterface, grainType);
                }
            }
        }
    }

    internal IEnumerable<GrainClassInfo> Classes => _byType.Values;

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
        if (_typeByInterface.TryGetValue(grainInterface, out var grainType) && !_ambiguous.ContainsKey(grainInterface))
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

    internal GrainInterfaceInfo GetInterface(Type grainInterface) =>
        _interfaces.GetOrAdd(grainInterface, static t => ProxyGenerator.Generate(t));

    private static string ResolveGrainType(Type grainClass, Type[] grainInterfaces)
    {
        if (GrainTypeNames.FromAttribute(grainClass) is { } fromClass)
        {
            return fromClass;
        }

        // The most derived grain interfaces: IPetGrain rather than a base interface it extends.
        var primary = grainInterfaces
            .Where(i => !grainInterfaces.Any(other => other != i && i.IsAssignableFrom(other)))
            .ToArray();
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
