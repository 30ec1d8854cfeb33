using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace VetActors.Rpc.Reflection.Internal;

/// <summary>
/// The descriptors a reflection service can describe: the served services' files and every file they
/// depend on, indexed by file name, by fully-qualified symbol and by extension.
/// </summary>
internal sealed class ReflectionRegistry
{
    private readonly List<string> _serviceNames = [];
    private readonly Dictionary<string, FileDescriptor> _filesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _filesBySymbol = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MessageDescriptor> _messagesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Extendee, int Number), FileDescriptor> _filesByExtension = [];

    public ReflectionRegistry(IEnumerable<ServiceDescriptor> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var seenServices = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            if (seenServices.Add(service.FullName))
            {
                _serviceNames.Add(service.FullName);
                AddFile(service.File);
            }
        }
    }

    /// <summary>Fully-qualified service names, in registration order.</summary>
    public IReadOnlyList<string> ServiceNames => _serviceNames;

    public FileDescriptor? FindFileByName(string name) => _filesByName.GetValueOrDefault(name);

    public FileDescriptor? FindFileContainingSymbol(string symbol) => _filesBySymbol.GetValueOrDefault(symbol);

    public FileDescriptor? FindFileContainingExtension(string extendee, int number) =>
        _filesByExtension.GetValueOrDefault((extendee, number));

    /// <summary>The field numbers of every known extension of <paramref name="messageType"/>; <c>null</c> if the type is unknown.</summary>
    public IReadOnlyList<int>? FindExtensionNumbers(string messageType)
    {
        if (!_messagesByName.ContainsKey(messageType))
        {
            return null;
        }
        return [.. _filesByExtension.Keys.Where(k => k.Extendee == messageType).Select(k => k.Number).Order()];
    }

    /// <summary>
    /// <paramref name="file"/> first, then each file it depends on, directly or not, each exactly once,
    /// as the serialized FileDescriptorProtos the reflection protocol carries.
    /// </summary>
    public static IReadOnlyList<ByteString> WithDependencies(FileDescriptor file)
    {
        var result = new List<ByteString>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<FileDescriptor>();
        pending.Push(file);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next.Name))
            {
                continue;
            }
            result.Add(next.SerializedData);
            for (var i = next.Dependencies.Count - 1; i >= 0; i--)
            {
                pending.Push(next.Dependencies[i]);
            }
        }
        return result;
    }

    private void AddFile(FileDescriptor file)
    {
        if (!_filesByName.TryAdd(file.Name, file))
        {
            return;
        }
        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }

        foreach (var service in file.Services)
        {
            AddSymbol(service.FullName, file);
            foreach (var method in service.Methods)
            {
                AddSymbol(method.FullName, file);
            }
        }
        foreach (var message in file.MessageTypes)
        {
            AddMessage(message, file);
        }
        foreach (var enumType in file.EnumTypes)
        {
            AddEnum(enumType, file.Package, file);
        }
        foreach (var extension in file.Extensions.UnorderedExtensions)
        {
            AddExtension(extension, file);
        }
    }

    private void AddMessage(MessageDescriptor message, FileDescriptor file)
    {
        AddSymbol(message.FullName, file);
        _messagesByName.TryAdd(message.FullName, message);
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            AddSymbol(field.FullName, file);
        }
        foreach (var oneof in message.Oneofs)
        {
            AddSymbol(oneof.FullName, file);
        }
        foreach (var nested in message.NestedTypes)
        {
            AddMessage(nested, file);
        }
        foreach (var enumType in message.EnumTypes)
        {
            AddEnum(enumType, message.FullName, file);
        }
        foreach (var extension in message.Extensions.UnorderedExtensions)
        {
            AddExtension(extension, file);
        }
    }

    private void AddEnum(EnumDescriptor enumType, string scope, FileDescriptor file)
    {
        AddSymbol(enumType.FullName, file);
        foreach (var value in enumType.Values)
        {
            // Protobuf scopes enum values beside their enum, not inside it (C++ semantics, which
            // other reflection servers follow): grpc.health.v1.HealthCheckResponse.SERVING.
            AddSymbol(scope.Length == 0 ? value.Name : $"{scope}.{value.Name}", file);
        }
    }

    private void AddExtension(FieldDescriptor extension, FileDescriptor file)
    {
        AddSymbol(extension.FullName, file);
        if (extension.ExtendeeType is { } extendee)
        {
            _filesByExtension.TryAdd((extendee.FullName, extension.FieldNumber), file);
        }
    }

    private void AddSymbol(string symbol, FileDescriptor file) => _filesBySymbol.TryAdd(symbol, file);
}
