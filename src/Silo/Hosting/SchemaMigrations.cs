using System.Reflection;

namespace VetActors.Silo.Hosting;

/// <summary>A schema scope (e.g. <c>grains</c>) whose <c>PostgresMigration</c> classes live in <paramref name="Assembly"/>.</summary>
internal sealed record SchemaMigrations(string Scope, Assembly Assembly);
