using System.Reflection;
using VetActors.Actors.Concurrency;

namespace VetActors.Actors.Internal;

/// <summary>What the scheduler needs to know about one grain interface method.</summary>
internal sealed class MethodDescriptor
{
    internal MethodDescriptor(MethodInfo method)
    {
        Method = method;
        Name = $"{method.DeclaringType!.Name}.{method.Name}";
        AlwaysInterleave = method.GetCustomAttribute<AlwaysInterleaveAttribute>() is not null;
        IsReadOnly = method.GetCustomAttribute<ReadOnlyAttribute>() is not null;
    }

    internal MethodInfo Method { get; }

    internal string Name { get; }

    internal bool AlwaysInterleave { get; }

    internal bool IsReadOnly { get; }
}
