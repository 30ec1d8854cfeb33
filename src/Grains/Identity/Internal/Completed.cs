namespace VetActors.Grains.Identity.Internal;

/// <summary>
/// Runs a synchronous grain method body and returns its outcome as a task: a domain exception becomes a faulted
/// task, as callers of an async method expect, instead of escaping from the call synchronously.
/// </summary>
internal static class Completed
{
    public static Task<T> From<T>(Func<T> body)
    {
        try
        {
            return Task.FromResult(body());
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
    }
}
