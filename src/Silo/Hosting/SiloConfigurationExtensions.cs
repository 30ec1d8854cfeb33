using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Options;
using VetActors.Silo.Configuration;

namespace VetActors.Silo.Hosting;

/// <summary>Configuration sources and validated options of the silo.</summary>
internal static class SiloConfigurationExtensions
{
    /// <summary>The prefix of the silo's environment variables: <c>VETACTORS__Silo__ListenUrl</c> sets <c>Silo:ListenUrl</c>.</summary>
    public const string EnvironmentPrefix = "VETACTORS__";

    /// <summary>
    /// Adds <c>VETACTORS__</c> environment variables over appsettings.json, binds <see cref="SiloOptions"/> and
    /// <see cref="DatabaseOptions"/> with validation at start-up, and gives shutdown the configured time.
    /// </summary>
    public static WebApplicationBuilder AddSiloConfiguration(this WebApplicationBuilder builder)
    {
        // Inserted before the command line so that, as usual, an argument overrides an environment variable.
        IConfigurationBuilder configuration = builder.Configuration;
        var commandLine = configuration.Sources.ToList().FindIndex(s => s is CommandLineConfigurationSource);
        var environment = new EnvironmentVariablesConfigurationSource { Prefix = EnvironmentPrefix };
        if (commandLine < 0)
        {
            configuration.Add(environment);
        }
        else
        {
            configuration.Sources.Insert(commandLine, environment);
        }

        builder.Services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        builder.Services.AddOptions<SiloOptions>().Bind(builder.Configuration.GetSection(SiloOptions.SectionName)).ValidateOnStart();
        builder.Services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection(DatabaseOptions.SectionName)).ValidateOnStart();
        builder.Services.AddOptions<HostOptions>()
            .Configure<IOptions<SiloOptions>>((host, silo) => host.ShutdownTimeout = silo.Value.ShutdownTimeout);
        return builder;
    }

    /// <summary>
    /// Binds and validates options now, for the start-up steps that run before the host is built (endpoint,
    /// database); the same validators run again through ValidateOnStart.
    /// </summary>
    public static T GetValidatedOptions<T>(this WebApplicationBuilder builder, string sectionName, IValidateOptions<T> validator)
        where T : class, new()
    {
        var options = new T();
        builder.Configuration.GetSection(sectionName).Bind(options);
        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new SiloStartupException($"Invalid configuration: {string.Join(" ", result.Failures)}");
        }

        return options;
    }
}
