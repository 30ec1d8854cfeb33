using System.Collections.Immutable;
using VetActors.Actors;

namespace VetActors.Grains.Support;

/// <summary>
/// A clinic's support cases, keyed <c>clinic-42/support/desk</c>. Opening and resolving are audited; resolving a
/// case about an appointment applies the decision to that appointment's payout.
/// </summary>
[GrainType("support-desk")]
public interface ISupportDeskGrain : IGrainWithStringKey
{
    /// <summary>Opens a case; opening the same kind again for the same appointment returns the open case.</summary>
    Task<SupportCase> OpenAsync(OpenSupportCase request);

    /// <summary>Cases, newest first; only open ones when <paramref name="openOnly"/>.</summary>
    Task<ImmutableArray<SupportCase>> ListAsync(bool openOnly);

    /// <summary>One case; <see cref="Common.NotFoundException"/> if unknown.</summary>
    Task<SupportCase> GetAsync(string caseId);

    /// <summary>Resolves an open case with an outcome.</summary>
    Task<SupportCase> ResolveAsync(string caseId, SupportOutcome outcome, string resolvedBy, string note);
}
