namespace VetActors.Grains.Common;

/// <summary>One invalid field of a request: its name (as in the API, snake_case) and what is wrong with it.</summary>
public sealed record FieldViolation(string Field, string Description);
