using VetActors.Actors.Internal;

namespace VetActors.Actors;

/// <summary>
/// Ambient values that travel with grain calls (Orleans' <c>RequestContext</c>): set here, they are visible
/// to every grain called from this flow, and a callee's changes never flow back to its caller. Values should
/// be immutable (strings, numbers, ids); mutable values are copied when set.
/// </summary>
public static class RequestContext
{
    private static readonly AsyncLocal<RequestContextData?> s_current = new();

    /// <summary>The keys currently set.</summary>
    public static IEnumerable<string> Keys => (Current?.Entries ?? []).Select(e => e.Key);

    /// <summary>The entries currently set.</summary>
    public static IReadOnlyList<KeyValuePair<string, object>> Entries => Current?.Entries ?? [];

    internal static RequestContextData? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    /// <summary>Sets a value for this flow and the grain calls made from it.</summary>
    public static void Set(string key, object value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        Current = (Current ?? RequestContextData.Empty).With(key, DeepCopy.CopyObject(value));
    }

    /// <summary>The value set for <paramref name="key"/>, or <c>null</c>.</summary>
    public static object? Get(string key) => Current?.Get(key);

    /// <summary>Removes a value; <c>false</c> when it was not set.</summary>
    public static bool Remove(string key)
    {
        var current = Current;
        if (current is null || current.Get(key) is null)
        {
            return false;
        }

        Current = current.Without(key);
        return true;
    }

    /// <summary>Removes every value (the call-chain reentrancy scope is left as it is).</summary>
    public static void Clear()
    {
        if (Current is { } current)
        {
            Current = current.Cleared();
        }
    }

    /// <summary>
    /// Until the returned scope is disposed, grains down the call chains started from this flow (the calling
    /// grain included) may be re-entered by those chains instead of failing with <see cref="DeadlockException"/>.
    /// </summary>
    public static ReentrancySection AllowCallChainReentrancy() => SetReentrancy(allow: true);

    /// <summary>Until the returned scope is disposed, calls from this flow do not carry call-chain reentrancy.</summary>
    public static ReentrancySection SuppressCallChainReentrancy() => SetReentrancy(allow: false);

    private static ReentrancySection SetReentrancy(bool allow)
    {
        var previous = Current;
        Current = (previous ?? RequestContextData.Empty).WithReentrancy(allow);
        return new ReentrancySection(previous?.AllowCallChainReentrancy ?? false);
    }

    /// <summary>Restores the call-chain reentrancy setting that was in force before the scope began.</summary>
    public readonly struct ReentrancySection(bool previous) : IDisposable
    {
        public void Dispose() => Current = (Current ?? RequestContextData.Empty).WithReentrancy(previous);
    }
}
