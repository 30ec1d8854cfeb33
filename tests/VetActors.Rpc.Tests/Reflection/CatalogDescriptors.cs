using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace VetActors.Rpc.Tests.Reflection;

/// <summary>
/// A service whose file imports others, built at run time so the test needs no extra proto compilation:
/// catalog.proto imports options.proto (a proto3 custom option extending MethodOptions), google/protobuf/api.proto
/// (which itself imports type.proto, source_context.proto and any.proto) and google/protobuf/timestamp.proto.
/// </summary>
internal static class CatalogDescriptors
{
    public const string CatalogFile = "vetactors/tests/catalog.proto";
    public const string OptionsFile = "vetactors/tests/options.proto";
    public const int HttpPathOption = 50001;

    private static readonly Lazy<IReadOnlyList<FileDescriptor>> Files = new(Build);

    public static FileDescriptor Catalog => Files.Value[^1];

    public static ServiceDescriptor CatalogService => Catalog.Services[0];

    private static IReadOnlyList<FileDescriptor> Build()
    {
        var options = new FileDescriptorProto
        {
            Name = OptionsFile,
            Package = "vetactors.tests",
            Syntax = "proto3",
            Dependency = { "google/protobuf/descriptor.proto" },
            Extension =
            {
                new FieldDescriptorProto
                {
                    Name = "http_path", Number = HttpPathOption, Extendee = ".google.protobuf.MethodOptions",
                    Type = FieldDescriptorProto.Types.Type.String, Label = FieldDescriptorProto.Types.Label.Optional, JsonName = "httpPath",
                },
            },
        };

        var product = new DescriptorProto
        {
            Name = "Product",
            Field =
            {
                Field("name", 1, FieldDescriptorProto.Types.Type.String),
                Field("kind", 2, FieldDescriptorProto.Types.Type.Enum, ".vetactors.tests.catalog.Product.Kind"),
                Field("variant", 3, FieldDescriptorProto.Types.Type.Message, ".vetactors.tests.catalog.Product.Variant"),
                Field("added", 4, FieldDescriptorProto.Types.Type.Message, ".google.protobuf.Timestamp"),
                Field("api", 5, FieldDescriptorProto.Types.Type.Message, ".google.protobuf.Api"),
                WithOneof(Field("cents", 6, FieldDescriptorProto.Types.Type.Int64), 0),
            },
            OneofDecl = { new OneofDescriptorProto { Name = "price" } },
            NestedType =
            {
                new DescriptorProto
                {
                    Name = "Variant",
                    Field = { Field("sku", 1, FieldDescriptorProto.Types.Type.String) },
                    NestedType = { new DescriptorProto { Name = "Option", Field = { Field("value", 1, FieldDescriptorProto.Types.Type.String) } } },
                },
            },
            EnumType = { Enum("Kind", "KIND_UNSPECIFIED", "KIND_FOOD") },
        };

        var catalog = new FileDescriptorProto
        {
            Name = CatalogFile,
            Package = "vetactors.tests.catalog",
            Syntax = "proto3",
            Dependency = { OptionsFile, "google/protobuf/api.proto", "google/protobuf/timestamp.proto" },
            MessageType = { product },
            EnumType = { Enum("Shelf", "SHELF_UNSPECIFIED", "SHELF_TOP") },
            Service =
            {
                new ServiceDescriptorProto
                {
                    Name = "Catalog",
                    Method = { new MethodDescriptorProto { Name = "GetProduct", InputType = ".vetactors.tests.catalog.Product", OutputType = ".vetactors.tests.catalog.Product" } },
                },
            },
        };

        return FileDescriptor.BuildFromByteStrings(
        [
            DescriptorReflection.Descriptor.SerializedData,
            options.ToByteString(),
            AnyReflection.Descriptor.SerializedData,
            SourceContextReflection.Descriptor.SerializedData,
            TypeReflection.Descriptor.SerializedData,
            ApiReflection.Descriptor.SerializedData,
            TimestampReflection.Descriptor.SerializedData,
            catalog.ToByteString(),
        ]);
    }

    private static FieldDescriptorProto Field(string name, int number, FieldDescriptorProto.Types.Type type, string? typeName = null)
    {
        var field = new FieldDescriptorProto { Name = name, Number = number, Type = type, Label = FieldDescriptorProto.Types.Label.Optional, JsonName = name };
        if (typeName is not null)
        {
            field.TypeName = typeName;
        }
        return field;
    }

    private static FieldDescriptorProto WithOneof(FieldDescriptorProto field, int oneof)
    {
        field.OneofIndex = oneof;
        return field;
    }

    private static EnumDescriptorProto Enum(string name, params string[] values)
    {
        var result = new EnumDescriptorProto { Name = name };
        for (var i = 0; i < values.Length; i++)
        {
            result.Value.Add(new EnumValueDescriptorProto { Name = values[i], Number = i });
        }
        return result;
    }
}
