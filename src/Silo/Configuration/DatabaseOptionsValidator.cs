using Microsoft.Extensions.Options;
using Npgsql;

namespace VetActors.Silo.Configuration;

/// <summary>Rejects a database configuration that could not work, without echoing the connection string.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        if (options.UsesEmbeddedServer)
        {
            if (string.IsNullOrWhiteSpace(options.DataDirectory))
            {
                failures.Add("Database:DataDirectory is required when Database:ConnectionString is empty (embedded PostgreSQL).");
            }

            if (options.MaxConnections is < 10 or > 10_000)
            {
                failures.Add("Database:MaxConnections must be between 10 and 10000.");
            }
        }
        else
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException)
            {
                // The message of the parse error may quote the string, password included: say only where to look.
                failures.Add("Database:ConnectionString is not a valid Npgsql connection string.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
