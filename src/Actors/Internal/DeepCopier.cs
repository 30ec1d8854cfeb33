namespace VetActors.Actors.Internal;

/// <summary>
/// The per-type copy decision, made once per type: the generated proxies call <see cref="Copy"/> for
/// every argument, and the JIT folds the immutable case into passing the reference.
/// </summary>
internal static class DeepCopier<T>
{
    private static readonly bool s_declaredImmutable = ImmutableTypes.IsImmutable(typeof(T));

    internal static bool IsDeclaredImmutable => s_declaredImmutable;
    private static readonly bool s_exactType = typeof(T).IsValueType || typeof(T).IsSealed;

    public static T Copy(T value)
    {
        if (s_declaredImmutable || value is null)
        {
            return value;
        }

        if (s_exactType)
        {
            return (T)DeepCopy.RoundTrip(value, typeof(T));
        }

        // A base type or interface: decide on the runtime type so a derived value keeps its data, unless that
        // type is not one a serializer can build (a compiler-generated collection behind IReadOnlyList<T>).
        var runtimeType = value.GetType();
        if (ImmutableTypes.IsImmutable(runtimeType))
        {
            return value;
        }

        return (T)DeepCopy.RoundTrip(value, runtimeType.IsVisible ? runtimeType : typeof(T));
    }
}
