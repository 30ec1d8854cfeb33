using System.Collections.Concurrent;
using System.Reflection;
using VetActors.Actors.Concurrency;

namespace VetActors.Actors.Internal;

/// <summary>Decides which types grain calls may pass by reference because they cannot be mutated.</summary>
internal static class ImmutableTypes
{
    private static readonly ConcurrentDictionary<Type, bool> s_cache = new();

    internal static bool IsImmutable(Type type) => s_cache.GetOrAdd(type, Compute);

    private static bool Compute(Type type)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan)
            || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(Uri) || type == typeof(Version)
            || type == typeof(CancellationToken) || type == typeof(GrainId) || type == typeof(Reminders.TickStatus))
        {
            return true;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return IsImmutable(underlying);
        }

        // Tuples and pairs are copied by value; with immutable parts nothing is shared.
        if (type.IsValueType && type.IsGenericType && type.FullName is { } name
            && (name.StartsWith("System.ValueTuple`", StringComparison.Ordinal) || name.StartsWith("System.Collections.Generic.KeyValuePair`", StringComparison.Ordinal)))
        {
            return type.GetGenericArguments().All(IsImmutable);
        }

        if (type.GetCustomAttribute<ImmutableAttribute>(inherit: false) is not null)
        {
            return true;
        }

        // A grain reference is an address; copying it would only produce an equal address.
        return typeof(IAddressable).IsAssignableFrom(type) && (type.IsInterface || typeof(GrainReference).IsAssignableFrom(type));
    }
}
