using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors.Concurrency;

namespace VetActors.Actors.Internal;

/// <summary>A grain class as the runtime sees it: its type name, scheduling flags and how to build it.</summary>
internal sealed class GrainClassInfo
{
    private static readonly MethodInfo s_createState =
        typeof(GrainClassInfo).GetMethod(nameof(CreatePersistentState), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly ConstructorInfo _constructor;
    private readonly Func<IServiceProvider, Activation, object?>[] _arguments;

    internal GrainClassInfo(Type grainClass, string grainType)
    {
        GrainClass = grainClass;
        GrainType = grainType;
        IsReentrant = grainClass.GetCustomAttribute<ReentrantAttribute>() is not null;
        IsRemindable = typeof(Reminders.IRemindable).IsAssignableFrom(grainClass);
        CollectionAge = grainClass.GetCustomAttribute<CollectionAgeLimitAttribute>()?.Amount;

        var constructors = grainClass.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(c => !c.IsPrivate)
            .OrderByDescending(c => c.GetParameters().Length)
            .ToArray();
        _constructor = constructors.FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {grainClass} has no accessible constructor.");
        _arguments = [.. _constructor.GetParameters().Select(CreateArgumentResolver)];
    }

    internal Type GrainClass { get; }

    internal string GrainType { get; }

    internal bool IsReentrant { get; }

    internal bool IsRemindable { get; }

    /// <summary>The class's own collection age, from <see cref="CollectionAgeLimitAttribute"/>.</summary>
    internal TimeSpan? CollectionAge { get; }

    internal Grain CreateGrain(IServiceProvider services, Activation activation)
    {
        var arguments = new object?[_arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = _arguments[i](services, activation);
        }

        Activation.t_constructing = activation;
        try
        {
            return (Grain)_constructor.Invoke(arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        finally
        {
            Activation.t_constructing = null;
        }
    }

    private Func<IServiceProvider, Activation, object?> CreateArgumentResolver(ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<PersistentStateAttribute>() is { } state)
        {
            var type = parameter.ParameterType;
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException(
                    $"Parameter '{parameter.Name}' of {GrainClass} has [PersistentState] but is not an IPersistentState<T>.");
            }

            var create = s_createState.MakeGenericMethod(type.GetGenericArguments()[0])
                .CreateDelegate<Func<Activation, string, object>>();
            var stateName = state.StateName;
            return (_, activation) => create(activation, stateName);
        }

        var parameterType = parameter.ParameterType;
        if (parameter.HasDefaultValue)
        {
            var fallback = parameter.DefaultValue;
            return (services, _) => services.GetService(parameterType) ?? fallback;
        }

        var grainClass = GrainClass;
        return (services, _) => services.GetService(parameterType)
            ?? throw new InvalidOperationException(
                $"Grain class {grainClass} needs a {parameterType} in its constructor, and none is registered.");
    }

#pragma warning disable CA1859 // Bound to a Func<Activation, string, object> for every TState.
    private static object CreatePersistentState<TState>(Activation activation, string stateName)
    {
        var runtime = activation.Runtime;
        var id = new Storage.GrainStateId(runtime.Options.ServiceId, activation.GrainId.Type, activation.GrainId.Key, stateName);
        var state = new PersistentState<TState>(id, runtime);
        activation.AddState(state);
        return state;
    }
#pragma warning restore CA1859
}
