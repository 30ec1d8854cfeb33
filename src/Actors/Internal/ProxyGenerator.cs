using System.Reflection;
using System.Reflection.Emit;

namespace VetActors.Actors.Internal;

/// <summary>
/// Generates, at run time with Reflection.Emit, a proxy class per grain interface and a request class per
/// method. A call then costs one allocation (the request, holding the copied arguments), and the callee
/// side is a direct interface call: no object[] of arguments, no boxing, no reflection invoke.
/// </summary>
/// <remarks>
/// The emitted code reaches this assembly's internals (and internal grain interfaces) through
/// <c>IgnoresAccessChecksToAttribute</c>, which the runtime honours for dynamic assemblies; the attribute type
/// is emitted into the dynamic assembly itself, as DispatchProxy does.
/// </remarks>
internal static class ProxyGenerator
{
    private static readonly Lock s_lock = new();
    private static readonly AssemblyBuilder s_assembly =
        AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("VetActors.Actors.Proxies"), AssemblyBuilderAccess.Run);

    private static readonly ModuleBuilder s_module = s_assembly.DefineDynamicModule("VetActors.Actors.Proxies");
    private static readonly HashSet<string> s_accessible = new(StringComparer.Ordinal);
    private static readonly ConstructorInfo s_referenceConstructor = typeof(GrainReference).GetConstructor(
        BindingFlags.NonPublic | BindingFlags.Instance, [typeof(ActorRuntime), typeof(GrainId), typeof(GrainInterfaceInfo)])!;

    // Proxies do not depend on a runtime: one per interface per process, however many silos a test starts.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, GrainInterfaceInfo> s_generated = new();

    private static ConstructorInfo? s_ignoresAccessChecks;
    private static int s_counter;

    internal static GrainInterfaceInfo GetOrGenerate(Type grainInterface) =>
        s_generated.TryGetValue(grainInterface, out var info) ? info : s_generated.GetOrAdd(grainInterface, Generate(grainInterface));

    internal static GrainInterfaceInfo Generate(Type grainInterface)
    {
        if (!grainInterface.IsInterface || !typeof(IGrain).IsAssignableFrom(grainInterface))
        {
            throw new ArgumentException($"{grainInterface} is not a grain interface.", nameof(grainInterface));
        }

        if (grainInterface.GetInterfaces().FirstOrDefault(i => !typeof(IGrain).IsAssignableFrom(i) && i.GetMethods().Length > 0) is { } other)
        {
            throw new NotSupportedException(
                $"Grain interface {grainInterface.Name} extends {other.Name}, which is not a grain interface; a grain interface may only extend grain interfaces.");
        }

        if (grainInterface.GetProperties().Length > 0 || grainInterface.GetEvents().Length > 0)
        {
            throw new NotSupportedException($"Grain interface {grainInterface.Name} declares properties or events; grain interfaces declare methods only.");
        }

        lock (s_lock)
        {
            var methods = new[] { grainInterface }.Concat(grainInterface.GetInterfaces())
                .Where(i => typeof(IGrain).IsAssignableFrom(i))
                .SelectMany(i => i.GetMethods())
                .ToArray();
            var descriptors = methods.Select(m => new MethodDescriptor(m)).ToArray();

            GrantAccess(typeof(ProxyGenerator).Assembly);
            GrantAccess(grainInterface.Assembly);
            var id = Interlocked.Increment(ref s_counter);
            var proxy = s_module.DefineType(
                $"VetActors.Proxies.{grainInterface.Name}Proxy{id}",
                TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class,
                typeof(GrainReference),
                [grainInterface]);

            var constructor = proxy.DefineConstructor(
                MethodAttributes.Public, CallingConventions.Standard, [typeof(ActorRuntime), typeof(GrainId), typeof(GrainInterfaceInfo)]);
            var il = constructor.GetILGenerator();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Ldarg_3);
            il.Emit(OpCodes.Call, s_referenceConstructor);
            il.Emit(OpCodes.Ret);

            var factory = proxy.DefineMethod(
                "Create", MethodAttributes.Public | MethodAttributes.Static, typeof(GrainReference),
                [typeof(ActorRuntime), typeof(GrainId), typeof(GrainInterfaceInfo)]);
            il = factory.GetILGenerator();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Newobj, constructor);
            il.Emit(OpCodes.Ret);

            for (var i = 0; i < methods.Length; i++)
            {
                EmitMethod(proxy, methods[i], i, id);
            }

            var proxyType = proxy.CreateType();
            var create = proxyType.GetMethod("Create")!
                .CreateDelegate<Func<ActorRuntime, GrainId, GrainInterfaceInfo, GrainReference>>();
            return new GrainInterfaceInfo(grainInterface, descriptors, create);
        }
    }

    private static void EmitMethod(TypeBuilder proxy, MethodInfo method, int index, int id)
    {
        var name = $"{method.DeclaringType!.Name}.{method.Name}";
        if (method.IsGenericMethodDefinition)
        {
            throw new NotSupportedException($"Grain method {name} is generic; grain methods cannot be generic.");
        }

        var parameters = method.GetParameters();
        if (parameters.Any(p => p.ParameterType.IsByRef || p.ParameterType.IsPointer))
        {
            throw new NotSupportedException($"Grain method {name} has a ref, out or pointer parameter; grain calls pass values.");
        }

        // ValueTask methods run on the same Task-based requests: the invoker converts the grain's ValueTask with
        // AsTask, the proxy wraps the call's Task in a ValueTask.
        Type requestBase;
        MethodInfo invoke;
        Type taskType;
        var returnType = method.ReturnType;
        var isValueTask = returnType == typeof(ValueTask)
            || (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>));
        if (returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            requestBase = typeof(Request);
            taskType = typeof(Task);
            invoke = typeof(GrainReference).GetMethod(nameof(GrainReference.InvokeVoid))!;
        }
        else if (returnType.IsGenericType
            && (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            var result = returnType.GetGenericArguments()[0];
            GrantAccess(result.Assembly);
            requestBase = typeof(Request<>).MakeGenericType(result);
            taskType = typeof(Task<>).MakeGenericType(result);
            invoke = typeof(GrainReference).GetMethod(nameof(GrainReference.Invoke))!.MakeGenericMethod(result);
        }
        else
        {
            throw new NotSupportedException(
                $"Grain method {name} returns {returnType}; grain methods return Task, Task<T>, ValueTask or ValueTask<T>.");
        }

        foreach (var parameter in parameters)
        {
            GrantAccess(parameter.ParameterType.Assembly);
        }

        // The request class: the arguments as fields, and Invoke calling the grain through the interface.
        var request = s_module.DefineType(
            $"VetActors.Proxies.{method.DeclaringType.Name}_{method.Name}_Request{id}_{index}",
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class,
            requestBase);
        var fields = parameters.Select((p, i) => request.DefineField($"Arg{i}", p.ParameterType, FieldAttributes.Public)).ToArray();
        var requestConstructor = request.DefineDefaultConstructor(MethodAttributes.Public);
        var invokeOverride = request.DefineMethod(
            "Invoke", MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.HideBySig | MethodAttributes.Final,
            taskType, [typeof(object)]);
        var il = invokeOverride.GetILGenerator();
        var valueTask = isValueTask ? il.DeclareLocal(returnType) : null;
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Castclass, method.DeclaringType);
        foreach (var field in fields)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldfld, field);
        }

        il.Emit(OpCodes.Callvirt, method);
        if (valueTask is not null)
        {
            il.Emit(OpCodes.Stloc, valueTask);
            il.Emit(OpCodes.Ldloca, valueTask);
            il.Emit(OpCodes.Call, returnType.GetMethod(nameof(ValueTask.AsTask))!);
        }

        il.Emit(OpCodes.Ret);
        request.CreateType();

        // The proxy method: build the request with copied arguments and hand it to the reference.
        var proxyMethod = proxy.DefineMethod(
            $"{method.DeclaringType.FullName}.{method.Name}",
            MethodAttributes.Private | MethodAttributes.Virtual | MethodAttributes.Final | MethodAttributes.HideBySig | MethodAttributes.NewSlot,
            returnType,
            parameters.Select(p => p.ParameterType).ToArray());
        il = proxyMethod.GetILGenerator();
        var local = il.DeclareLocal(request);
        il.Emit(OpCodes.Newobj, requestConstructor);
        il.Emit(OpCodes.Stloc, local);
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameterType = parameters[i].ParameterType;
            il.Emit(OpCodes.Ldloc, local);
            il.Emit(OpCodes.Ldarg, (short)(i + 1));
            if (!ImmutableTypes.IsImmutable(parameterType))
            {
                il.Emit(OpCodes.Call, typeof(DeepCopier<>).MakeGenericType(parameterType).GetMethod(nameof(DeepCopier<>.Copy))!);
            }

            il.Emit(OpCodes.Stfld, fields[i]);
        }

        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldloc, local);
        il.Emit(OpCodes.Ldc_I4, index);
        il.Emit(OpCodes.Call, invoke);
        if (isValueTask)
        {
            il.Emit(OpCodes.Newobj, returnType.GetConstructor([taskType])!);
        }

        il.Emit(OpCodes.Ret);
        proxy.DefineMethodOverride(proxyMethod, method);
    }

    private static void GrantAccess(Assembly assembly)
    {
        var name = assembly.GetName().Name!;
        if (assembly.IsDynamic || !s_accessible.Add(name))
        {
            return;
        }

        s_ignoresAccessChecks ??= DefineIgnoresAccessChecksTo();
        s_assembly.SetCustomAttribute(new CustomAttributeBuilder(s_ignoresAccessChecks, [name]));
    }

    private static ConstructorInfo DefineIgnoresAccessChecksTo()
    {
        var attribute = s_module.DefineType(
            "System.Runtime.CompilerServices.IgnoresAccessChecksToAttribute",
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class,
            typeof(Attribute));
        var field = attribute.DefineField("assemblyName", typeof(string), FieldAttributes.Private | FieldAttributes.InitOnly);
        var constructor = attribute.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, [typeof(string)]);
        var il = constructor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(Attribute).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes)!);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Stfld, field);
        il.Emit(OpCodes.Ret);
        attribute.SetCustomAttribute(new CustomAttributeBuilder(
            typeof(AttributeUsageAttribute).GetConstructor([typeof(AttributeTargets)])!,
            [AttributeTargets.Assembly],
            [typeof(AttributeUsageAttribute).GetProperty(nameof(AttributeUsageAttribute.AllowMultiple))!],
            [true]));
        return attribute.CreateType().GetConstructor([typeof(string)])!;
    }
}
