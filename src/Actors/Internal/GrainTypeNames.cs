using System.Reflection;
using System.Text;

namespace VetActors.Actors.Internal;

/// <summary>Derives the readable grain type names stored in <see cref="GrainId"/> and storage keys.</summary>
internal static class GrainTypeNames
{
    /// <summary><c>IClinicStaffGrain</c> gives <c>clinic-staff</c>; <c>PetGrain</c> gives <c>pet</c>.</summary>
    internal static string Derive(Type type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        if (type.IsInterface && name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]))
        {
            name = name[1..];
        }

        if (name.Length > "Grain".Length && name.EndsWith("Grain", StringComparison.Ordinal))
        {
            name = name[..^"Grain".Length];
        }

        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    internal static string? FromAttribute(MemberInfo member) => member.GetCustomAttribute<GrainTypeAttribute>(inherit: false)?.GrainType;
}
